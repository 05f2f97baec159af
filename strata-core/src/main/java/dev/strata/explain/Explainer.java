package dev.strata.explain;

import dev.strata.config.ConfigurationException;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.QueryPlan;
import dev.strata.dialect.QueryPlanner;
import dev.strata.dialect.WaitListener;
import dev.strata.source.SourceFiles;
import dev.strata.sql.SqlScript;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code strata explain}: plans every query of a file on a live database and flags full scans of
 * large tables, with the index that would serve each. Knows no engine: the plans come from the
 * dialect's {@link QueryPlanner}. Nothing is executed, only planned.
 */
public final class Explainer {

    /** Statements EXPLAIN can plan; everything else in the file is skipped and listed. */
    private static final Set<String> QUERIES =
            Set.of("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "REPLACE", "VALUES", "TABLE");

    private final StrataConfig config;
    private final WaitListener waits;

    public Explainer(StrataConfig config, WaitListener waits) {
        this.config = config;
        this.waits = waits;
    }

    /**
     * Plans every query of {@code file} on the configured database, opened read-only.
     *
     * @param file         a file of SQL queries, relative to the project folder unless absolute
     * @param maxScanRows  full scans of tables with more rows than this are findings
     * @throws ConfigurationException when {@code file} is not a file or {@code maxScanRows} is negative
     * @throws dev.strata.sql.SqlSyntaxException when the file can't be split into statements
     */
    public ExplainReport explain(Path file, long maxScanRows) {
        if (maxScanRows < 0) {
            throw new ConfigurationException("--max-scan-rows " + maxScanRows + ": give a number of rows, 0 or more.");
        }
        Path resolved = config.projectDir().resolve(file).normalize();
        if (!Files.isRegularFile(resolved)) {
            throw new ConfigurationException(
                    file + ": no such file; give the path of a .sql file holding the queries" + " to explain.");
        }
        String shown = file.toString().replace('\\', '/');
        String text = SourceFiles.read(resolved, shown);
        Dialect dialect = Dialects.forUrl(config.url());
        try (Database database = dialect.open(
                config.url(),
                new HistorySettings(config.historyTable(), config.schema()),
                Dialect.Access.READ,
                waits)) {
            return explain(database, dialect.splitter(), shown, text, maxScanRows);
        }
    }

    static ExplainReport explain(
            Database database, SqlSplitter splitter, String source, String text, long maxScanRows) {
        SqlScript script = splitter.split(source, text);
        QueryPlanner planner = database.queryPlanner();
        Map<String, Long> rowCounts = new HashMap<>();
        List<ExplainedQuery> queries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Statement statement : script.statements()) {
            if (!QUERIES.contains(firstWord(statement.sql()))) {
                skipped.add(source + ":" + statement.line() + ": " + statement.firstLine());
                continue;
            }
            queries.add(explain(planner, statement, maxScanRows, rowCounts));
        }
        return new ExplainReport(database.description(), source, maxScanRows, queries, skipped);
    }

    private static ExplainedQuery explain(
            QueryPlanner planner, Statement statement, long maxScanRows, Map<String, Long> rowCounts) {
        QueryPlan plan;
        try {
            plan = planner.plan(statement.sql());
        } catch (DatabaseException e) {
            return new ExplainedQuery(statement.line(), statement.sql(), List.of(), List.of(), e.getMessage());
        }
        List<TableScan> scans = new ArrayList<>();
        for (QueryPlan.FullScan scan : plan.fullScans()) {
            String shown = planner.display(scan.table());
            if (scans.stream().anyMatch(s -> s.table().equals(shown))) {
                continue; // one finding per table and query, even when the plan reads it twice
            }
            long rows = rowCounts.computeIfAbsent(scan.table().toString(), key -> planner.rowCount(scan.table()));
            String index = IndexSuggester.suggest(
                            statement.sql(), scan.table().name(), scan.alias(), planner.columns(scan.table()))
                    .orElse(null);
            scans.add(new TableScan(shown, rows, rows > maxScanRows, index));
        }
        return new ExplainedQuery(statement.line(), statement.sql(), plan.lines(), scans, null);
    }

    private static String firstWord(String sql) {
        String trimmed = sql.stripLeading();
        while (trimmed.startsWith("--") || trimmed.startsWith("/*") || trimmed.startsWith("(")) {
            if (trimmed.startsWith("(")) {
                trimmed = trimmed.substring(1).stripLeading();
            } else if (trimmed.startsWith("--")) {
                int newline = trimmed.indexOf('\n');
                trimmed = newline < 0 ? "" : trimmed.substring(newline + 1).stripLeading();
            } else {
                int end = trimmed.indexOf("*/");
                trimmed = end < 0 ? "" : trimmed.substring(end + 2).stripLeading();
            }
        }
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }
}
