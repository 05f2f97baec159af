package dev.strata.dialect.sqlite;

import dev.strata.dialect.QueryPlan;
import dev.strata.schema.QualifiedName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the rows of SQLite's {@code EXPLAIN QUERY PLAN} into a {@link QueryPlan}, wherever the rows
 * came from: a JDBC connection to a file, or D1's HTTP API (D1 is SQLite and answers the same rows).
 * A step {@code SCAN orders} (or {@code SCAN TABLE orders} before SQLite 3.36) without
 * {@code USING ... INDEX} reads the whole table. SQLite names the table by the alias the query gave
 * it, so aliases are resolved against the query's FROM and JOIN clauses.
 */
public final class SqlitePlanSteps {

    private static final String MAIN = "main";
    private static final Pattern SCAN = Pattern.compile("SCAN (?:TABLE )?(\\S+)(?: AS (\\S+))?( USING .*)?");

    /** One row of {@code EXPLAIN QUERY PLAN}: its id, its parent's id and the step's text. */
    public record Step(int id, int parent, String detail) {}

    private SqlitePlanSteps() {}

    /**
     * @param steps   the plan's rows in the order SQLite returned them
     * @param sql     the query explained, to resolve aliases
     * @param isTable whether a name is a table of the database (case-insensitive, as SQLite compares)
     */
    public static QueryPlan plan(List<Step> steps, String sql, Predicate<String> isTable) {
        List<String> lines = new ArrayList<>();
        List<QueryPlan.FullScan> scans = new ArrayList<>();
        Map<Integer, Integer> depthOf = new HashMap<>();
        for (Step step : steps) {
            int depth = depthOf.getOrDefault(step.parent(), -1) + 1;
            depthOf.put(step.id(), depth);
            lines.add("  ".repeat(depth) + step.detail());
            fullScan(step.detail(), sql, isTable).ifPresent(scans::add);
        }
        return new QueryPlan(lines, scans);
    }

    /** The table a SCAN step reads whole, when it is one; index scans and subquery scans are not. */
    private static Optional<QueryPlan.FullScan> fullScan(String detail, String sql, Predicate<String> isTable) {
        Matcher scan = SCAN.matcher(detail);
        if (!scan.matches() || scan.group(3) != null) {
            return Optional.empty();
        }
        String shown = scan.group(1);
        String alias = scan.group(2);
        if (alias == null && !isTable.test(shown)) {
            // Since SQLite 3.36 the step names the alias alone: find what it stands for.
            Optional<String> table = QueryAliases.tableOf(sql, shown);
            if (table.isEmpty() || !isTable.test(table.get())) {
                return Optional.empty(); // a subquery, a CTE or a constant row: no table to index
            }
            return Optional.of(new QueryPlan.FullScan(new QualifiedName(MAIN, table.get()), shown));
        }
        return isTable.test(shown)
                ? Optional.of(new QueryPlan.FullScan(new QualifiedName(MAIN, shown), alias))
                : Optional.empty();
    }
}
