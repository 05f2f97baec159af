package dev.strata.dialect.d1;

import dev.strata.adopt.ForeignHistory;
import dev.strata.adopt.Tool;
import dev.strata.config.HistoryMirror;
import dev.strata.dialect.Database;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.ExecutableScript;
import dev.strata.dialect.HistoryGuard;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.MigrationFailedException;
import dev.strata.dialect.MigrationLock;
import dev.strata.dialect.QueryPlanner;
import dev.strata.dialect.RecordedMigration;
import dev.strata.dialect.sqlite.SqlitePlanSteps;
import dev.strata.dialect.sqlite.SqliteReplica;
import dev.strata.dialect.sqlite.SqliteReplica.CatalogEntry;
import dev.strata.dialect.sqlite.SqliteReplica.TableRows;
import dev.strata.history.AppliedMigration;
import dev.strata.history.HistoryTable;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.source.Version;
import dev.strata.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A session on a remote Cloudflare D1 database, over its REST API ({@link D1Client}).
 *
 * <p>D1 has no session and no lock, but it runs each request as one transaction. So a migration is
 * one request: its history row first, then its statements, then the row's execution time. The row
 * is keyed by version, so when two runs race, the second request fails on that key before any of its
 * statements runs, and nothing of it lands; this session then re-reads the history and reports the
 * migration as applied by the other run. A crash (or a killed process) leaves each migration wholly
 * applied or not at all, so the next plain run finishes the job.
 *
 * <p>Reads go through the same SQLite code as a local file: the catalog (and, for other tools'
 * histories, their rows) is copied into an in-memory SQLite ({@link SqliteReplica}) and read there.
 * D1's internal {@code _cf_*} tables are never read, copied, compared or changed.
 *
 * <p>Requests of a migrate run: one that reads catalog, format and history together (two on a fresh
 * database), one that creates the history table if needed and re-reads it, then one per migration.
 */
final class D1Database implements Database {

    /** D1's catalog without SQLite's and D1's internal objects, nor strata's record of Time Travel bookmarks. */
    private static final D1Statement CATALOG = D1Statement.of("SELECT type, name, sql FROM sqlite_master"
            + " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'"
            + " AND tbl_name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND tbl_name <> '" + D1BackupTool.BOOKMARKS + "'"
            + " ORDER BY rowid");

    private final D1Client client;
    private final String description;
    private final HistorySettings settings;
    private final D1History history;
    private final String appliedBy;
    /** The history as this session last read it; null when unknown or possibly stale. */
    private List<AppliedMigration> known;

    private List<CatalogEntry> catalog;
    private HistoryGuard guard = HistoryGuard.NONE;
    /** Told how far a backfill has come. */
    private final dev.strata.dialect.WaitListener listener;

    D1Database(D1Client client, String description, HistorySettings settings, String migrationsTable) {
        this(client, description, settings, migrationsTable, dev.strata.dialect.WaitListener.SILENT);
    }

    D1Database(
            D1Client client,
            String description,
            HistorySettings settings,
            String migrationsTable,
            dev.strata.dialect.WaitListener listener) {
        this.listener = listener;
        this.client = client;
        this.description = description;
        this.settings = settings;
        this.history = new D1History(
                settings.table(),
                settings.mirror() == HistoryMirror.D1 ? Optional.of(migrationsTable) : Optional.empty());
        this.appliedBy = System.getProperty("user.name", "unknown");
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void ensureHistory() {
        List<D1Statement> batch = new ArrayList<>(history.create());
        batch.add(CATALOG);
        batch.add(history.formatVersion());
        batch.add(history.readAll());
        List<D1Result> results = send(batch, "could not create the history table " + history.name());
        int n = results.size();
        catalog = entries(results.get(n - 3));
        checkFormat(results.get(n - 2));
        known = D1History.rows(results.get(n - 1));
    }

    @Override
    public List<AppliedMigration> appliedMigrations() {
        if (known != null) {
            return known;
        }
        // Twice at most: another run may create the history table between the read that missed it and the
        // catalog read that follows.
        for (int attempt = 1; ; attempt++) {
            try {
                List<D1Result> results = client.run(CATALOG, history.formatVersion(), history.readAll());
                catalog = entries(results.get(0));
                checkFormat(results.get(1));
                known = D1History.rows(results.get(2));
                return known;
            } catch (D1SqlException e) {
                catalog = entries(
                        send(List.of(CATALOG), "could not read the catalog").get(0));
                if (!hasTable(history.name())) {
                    known = List.of();
                    return known;
                }
                if (attempt == 2) {
                    throw new DatabaseException("could not read the history table " + history.name() + " of "
                            + description + ": " + e.databaseMessage() + ". If another tool owns it, give strata"
                            + " its own table ([migrations] table in strata.toml).");
                }
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw new DatabaseException("the history table " + history.name() + " of " + description
                        + " holds a row strata can't read (" + e.getMessage() + "); was it edited by hand?"
                        + " Correct or delete that row.");
            }
        }
    }

    @Override
    public MigrationLock lock() {
        // Each migration's request is its own lock: see the class comment.
        return () -> {};
    }

    /**
     * D1 has no transaction to check the guard in before the batch runs; a batch that fails on the
     * history key proves that another run wrote the history, so the guard judges the history then
     * (two folders that both have a 0001: the loser must not take the other's row for its own).
     */
    @Override
    public void guardHistory(HistoryGuard guard) {
        this.guard = guard;
    }

    @Override
    public void aroundEach(dev.strata.dialect.EachMigration each) {
        // Each migration is one request to D1: nothing can run inside it but its own statements.
        if (!each.isEmpty()) {
            throw new DatabaseException(description() + ": before-each and after-each callbacks can't run inside a"
                    + " migration on remote D1, where each migration is one request; remove them (or their"
                    + " registration) for this database, or use before-migrate and after-migrate instead");
        }
    }

    @Override
    public Optional<String> singleTransactionRefusal() {
        // Each request is D1's only transaction, and one request has its own limits on size and time.
        return Optional.of(description + " is a D1 database: D1 runs each request as one transaction and has no"
                + " transaction that spans requests, and a request has its own limits on size and time, so a whole"
                + " run can't be applied as one. Run migrate without --single-transaction (each migration there is"
                + " still all or nothing), or set single_transaction = false for this database in strata.toml.");
    }

    @Override
    public Optional<AppliedMigration> apply(Version version, String name, String checksum, ExecutableScript up) {
        if (!up.transactional()) {
            return applyInRequests(version, name, checksum, up);
        }
        Instant started = Instant.now();
        AppliedMigration row = new AppliedMigration(version, name, checksum, started, appliedBy, 0, true);
        List<D1Statement> batch = new ArrayList<>();
        if (version.repeatable()) {
            batch.add(history.replaced(version, checksum));
        }
        batch.add(history.started(row));
        history.mirrorRecorded(row).ifPresent(batch::add);
        int first = batch.size();
        up.statements().forEach(statement -> batch.add(new D1Statement(statement.sql(), List.of())));
        batch.add(history.finished(version));
        long start = System.nanoTime();
        known = null;
        try {
            client.run(batch);
        } catch (D1SqlException e) {
            if (history.isHistoryKeyConflict(e.databaseMessage())) {
                // Another run recorded this version first; nothing of this request took effect.
                guard.check(appliedMigrations());
                return Optional.empty();
            }
            throw failed(up, batch, first, e, "the migration was rolled back: none of it was applied.");
        }
        return Optional.of(new AppliedMigration(
                version, name, checksum, started, appliedBy, (System.nanoTime() - start) / 1_000_000, true));
    }

    /**
     * A migration with a backfill (the only kind D1Rules lets run outside one request): its row is
     * written as failed in a request of its own, which also clears the progress of an earlier,
     * repaired attempt; then each statement is a request, each batch of a backfill is one (with its
     * progress row), and the last request marks the row applied and deletes the progress. A row of
     * this very file that failed part-way through its backfill is gone on with instead (see
     * BackfillResume).
     */
    private Optional<AppliedMigration> applyInRequests(
            Version version, String name, String checksum, ExecutableScript up) {
        Instant started = Instant.now();
        AppliedMigration reserved = new AppliedMigration(version, name, checksum, started, appliedBy, 0, false);
        known = null;
        int start = 0;
        try {
            client.run(
                    history.started(reserved),
                    D1Backfill.create(history.name()),
                    D1Backfill.clear(history.name(), version));
        } catch (D1SqlException e) {
            if (!history.isHistoryKeyConflict(e.databaseMessage())) {
                throw new DatabaseException("could not record " + up.source() + " as started on " + description + ": "
                        + e.databaseMessage());
            }
            Optional<Integer> resume = resumeAt(version, checksum, up);
            if (resume.isEmpty()) {
                guard.check(appliedMigrations());
                return Optional.empty();
            }
            start = resume.get();
        }
        String outside = "it runs outside one transaction (a backfill), so the statements before this one took"
                + " effect; it is recorded as failed. Clean up what it left, then run 'strata repair'.";
        String batches = "the batches before this one are committed, with their progress in "
                + D1Backfill.progressTable(history.name()) + "; the migration is recorded as failed. Correct the"
                + " cause, then run 'strata migrate' again: it goes on after the last committed batch, and no batch"
                + " runs twice.";
        List<Statement> statements = up.statements();
        for (int i = start; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            Optional<dev.strata.sql.Backfill> backfill = up.backfillOf(statement);
            if (backfill.isPresent()) {
                dev.strata.dialect.BackfillRun.run(
                        up.source(),
                        backfill.get(),
                        new D1Backfill(
                                client, history.name(), version, up.source(), statement, backfill.get(), batches),
                        listener);
                continue;
            }
            try {
                client.run(new D1Statement(statement.sql(), List.of()));
            } catch (D1SqlException e) {
                throw new MigrationFailedException(up.source(), statement, e.databaseMessage(), outside);
            }
        }
        List<D1Statement> finish = new ArrayList<>();
        finish.add(history.succeeded(version));
        finish.add(D1Backfill.clear(history.name(), version));
        AppliedMigration row = new AppliedMigration(
                version,
                name,
                checksum,
                started,
                appliedBy,
                Duration.between(started, Instant.now()).toMillis(),
                true);
        history.mirrorRecorded(row).ifPresent(finish::add);
        send(finish, "could not record " + up.source() + " as applied");
        known = null;
        return Optional.of(row);
    }

    /** Where this file's failed row goes on from, when its backfill was interrupted (see BackfillResume). */
    private Optional<Integer> resumeAt(Version version, String checksum, ExecutableScript up) {
        known = null;
        boolean failedHere = appliedMigrations().stream()
                .anyMatch(row -> row.version().equals(version)
                        && !row.success()
                        && row.checksum().equals(checksum));
        if (!failedHere || !hasTable(history.name() + "_backfill")) {
            return Optional.empty();
        }
        return dev.strata.dialect.BackfillResume.startIndex(up, savedBackfills(version));
    }

    private Map<Integer, dev.strata.dialect.BackfillRun.Saved> savedBackfills(Version version) {
        return D1Backfill.saved(
                send(List.of(D1Backfill.read(history.name(), version)), "could not read the backfill" + " progress")
                        .get(0));
    }

    @Override
    public Optional<String> resumable(AppliedMigration failed, ExecutableScript up) {
        if (failed.success() || up.transactional() || up.backfills().isEmpty()) {
            return Optional.empty();
        }
        appliedMigrations();
        if (!hasTable(history.name() + "_backfill")) {
            return Optional.empty();
        }
        Map<Integer, dev.strata.dialect.BackfillRun.Saved> saved = savedBackfills(failed.version());
        return dev.strata.dialect.BackfillResume.startIndex(up, saved)
                .map(start -> dev.strata.dialect.BackfillResume.describe(up, saved, start));
    }

    @Override
    public boolean revert(AppliedMigration applied, ExecutableScript down) {
        // The row is claimed first, in the same request as the down script: a run that comes second finds no
        // row, its request fails before the script's first statement, and nothing of it lands.
        List<D1Statement> batch = new ArrayList<>();
        batch.add(history.delete(applied.version()));
        batch.add(history.deletedOrFail());
        history.mirrorRemoved(applied).ifPresent(batch::add);
        int first = batch.size();
        down.statements().forEach(statement -> batch.add(new D1Statement(statement.sql(), List.of())));
        known = null;
        try {
            client.run(batch);
        } catch (D1SqlException e) {
            if (history.isAlreadyDeleted(e.databaseMessage())) {
                guard.check(appliedMigrations());
                return false;
            }
            throw failed(
                    down,
                    batch,
                    first,
                    e,
                    "the down script was rolled back: " + applied.label() + " is still applied.");
        }
        return true;
    }

    @Override
    public List<AppliedMigration> record(List<RecordedMigration> migrations, String how) {
        Set<String> present =
                appliedMigrations().stream().map(row -> row.version().text()).collect(Collectors.toSet());
        Instant now = Instant.now();
        List<AppliedMigration> written = new ArrayList<>();
        List<D1Statement> batch = new ArrayList<>();
        for (RecordedMigration m : migrations) {
            if (present.contains(m.version().text())) {
                continue;
            }
            AppliedMigration row = new AppliedMigration(
                    m.version(),
                    m.name(),
                    m.checksum(),
                    m.appliedAt().orElse(now),
                    appliedBy + " (" + how + ")",
                    m.executionMs(),
                    true);
            batch.add(history.record(row));
            history.mirrorRecorded(row).ifPresent(batch::add);
            written.add(row);
        }
        known = null;
        send(batch, "could not record migrations (" + how + ")");
        return written;
    }

    @Override
    public List<String> leftovers() {
        return List.of();
    }

    @Override
    public Schema schema() {
        List<CatalogEntry> entries =
                entries(send(List.of(CATALOG), "could not read the schema").get(0));
        try (Database replica = SqliteReplica.open(entries, List.of(), settings, description)) {
            return replica.schema();
        }
    }

    @Override
    public List<ForeignHistory> foreignHistories() {
        if (catalog == null) {
            appliedMigrations();
        }
        Map<String, CatalogEntry> tables = new LinkedHashMap<>();
        for (Tool tool : Tool.values()) {
            catalog.stream()
                    .filter(e -> e.type().equals("table") && e.name().equalsIgnoreCase(tool.table()))
                    .findFirst()
                    .ifPresent(entry -> tables.put(entry.name(), entry));
        }
        if (tables.isEmpty()) {
            return List.of();
        }
        List<D1Statement> reads = tables.keySet().stream()
                .map(table -> D1Statement.of("SELECT * FROM " + dev.strata.dialect.Identifiers.quote(table)))
                .toList();
        List<D1Result> results = send(reads, "could not read another tool's history table");
        List<TableRows> rows = new ArrayList<>();
        int i = 0;
        for (String table : tables.keySet()) {
            D1Result result = results.get(i++);
            List<List<Object>> values = new ArrayList<>();
            for (List<com.fasterxml.jackson.databind.JsonNode> row : result.rows()) {
                values.add(row.stream().map(D1Database::value).toList());
            }
            rows.add(new TableRows(table, result.columns(), values));
        }
        try (Database replica = SqliteReplica.open(new ArrayList<>(tables.values()), rows, settings, description)) {
            return replica.foreignHistories();
        }
    }

    @Override
    public List<String> healthProblems() {
        // D1 runs these two pragmas (integrity_check is not among the pragmas it documents).
        List<D1Result> results = send(
                List.of(D1Statement.of("PRAGMA quick_check"), D1Statement.of("PRAGMA foreign_key_check")),
                "could not run the health checks");
        List<String> problems = new ArrayList<>();
        D1Result quick = results.get(0);
        for (int i = 0; i < quick.rows().size(); i++) {
            String line = quick.text(i, 0);
            if (!"ok".equals(line) && !line.contains("_cf_")) {
                problems.add("quick_check: " + line + " (go back to a Time Travel bookmark from before the damage:"
                        + " strata restore --bookmark B)");
            }
        }
        Map<String, Long> orphans = new LinkedHashMap<>();
        D1Result keys = results.get(1);
        for (int i = 0; i < keys.rows().size(); i++) {
            if (!keys.text(i, 0).toLowerCase(Locale.ROOT).startsWith("_cf_")) {
                orphans.merge(keys.text(i, 0) + "\u0000" + keys.text(i, 2), 1L, Long::sum);
            }
        }
        orphans.forEach((key, count) -> {
            String[] tables = key.split("\u0000", 2);
            problems.add("foreign_key_check: " + count + (count == 1 ? " row" : " rows") + " of " + tables[0]
                    + " point at missing rows of " + tables[1] + " (find them with PRAGMA foreign_key_check("
                    + tables[0] + "), then delete or fix them)");
        });
        return problems;
    }

    @Override
    public void dropEverything() {
        throw new DatabaseException("strata never empties a remote D1 database (" + description + "); its shadow"
                + " database is a local SQLite one");
    }

    @Override
    public void runInOneTransaction(List<ExecutableScript> scripts) {
        List<D1Statement> batch = new ArrayList<>();
        scripts.forEach(script -> script.statements().forEach(s -> batch.add(new D1Statement(s.sql(), List.of()))));
        try {
            client.run(batch);
        } catch (D1SqlException e) {
            throw new DatabaseException("could not load "
                    + scripts.stream().map(ExecutableScript::source).toList()
                    + " into " + description + ": " + e.databaseMessage() + "; everything this run loaded was rolled"
                    + " back: nothing of it was kept.");
        }
    }

    @Override
    public void insertSampleRows(Table table, long firstRow, int rows) {
        throw new DatabaseException("strata bench-insert does not write made-up rows into a remote D1 database ("
                + description + "); run it on a local copy (d1-local: or a sqlite: file)");
    }

    /**
     * Counts rows on D1 itself (one request per table; the lint gate counts the tables a pending
     * migration may empty or rebuild, before anything is sent), and reads query plans there: D1 is
     * SQLite and answers {@code EXPLAIN QUERY PLAN} with SQLite's rows, so the plan reads as on a file.
     */
    @Override
    public QueryPlanner queryPlanner() {
        return new QueryPlanner() {
            @Override
            public dev.strata.dialect.QueryPlan plan(String sql) {
                D1Result result = send(
                                List.of(D1Statement.of("EXPLAIN QUERY PLAN " + sql)), "could not read the query plan")
                        .get(0);
                int id = result.columns().indexOf("id");
                int parent = result.columns().indexOf("parent");
                int detail = result.columns().indexOf("detail");
                List<SqlitePlanSteps.Step> steps = new ArrayList<>();
                for (int i = 0; i < result.rows().size(); i++) {
                    steps.add(new SqlitePlanSteps.Step(
                            Integer.parseInt(result.text(i, id)),
                            Integer.parseInt(result.text(i, parent)),
                            result.text(i, detail)));
                }
                return SqlitePlanSteps.plan(steps, sql, this::isTable);
            }

            private boolean isTable(String name) {
                return !send(
                                List.of(D1Statement.of(
                                        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE",
                                        name)),
                                "could not look up table " + name)
                        .get(0)
                        .rows()
                        .isEmpty();
            }

            @Override
            public long rowCount(dev.strata.schema.QualifiedName table) {
                return count("SELECT count(*) FROM " + dev.strata.dialect.Identifiers.quote(table.name()), table);
            }

            @Override
            public long countRows(dev.strata.schema.QualifiedName table, long atMost) {
                return count(
                        "SELECT count(*) FROM (SELECT 1 FROM " + dev.strata.dialect.Identifiers.quote(table.name())
                                + " LIMIT " + (atMost + 1) + ") AS counted",
                        table);
            }

            @Override
            public List<String> columns(dev.strata.schema.QualifiedName table) {
                D1Result result = send(
                                List.of(D1Statement.of(
                                        "SELECT name FROM pragma_table_info(?) ORDER BY cid", table.name())),
                                "could not read the columns of " + table.name())
                        .get(0);
                List<String> columns = new ArrayList<>();
                for (int i = 0; i < result.rows().size(); i++) {
                    columns.add(result.text(i, 0));
                }
                return columns;
            }

            @Override
            public String display(dev.strata.schema.QualifiedName table) {
                return table.name();
            }

            private long count(String sql, dev.strata.schema.QualifiedName table) {
                if (table.name().toLowerCase(Locale.ROOT).startsWith("_cf_")) {
                    return 0; // D1's internal tables are never read
                }
                D1Result result = send(List.of(D1Statement.of(sql)), "could not count the rows of " + table.name())
                        .get(0);
                return Long.parseLong(result.text(0, 0));
            }
        };
    }

    @Override
    public void deleteFailedRecord(Version version) {
        known = null;
        send(List.of(history.delete(version)), "could not delete the history row of version " + version);
    }

    @Override
    public void close() {
        // Nothing to end: D1 keeps no session between requests.
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private List<D1Result> send(List<D1Statement> batch, String doing) {
        try {
            return client.run(batch);
        } catch (D1SqlException e) {
            throw new DatabaseException(doing + " on " + description + ": " + e.databaseMessage());
        }
    }

    private void checkFormat(D1Result result) {
        String value = result.rows().isEmpty() ? null : result.text(0, 0);
        int format = value == null ? 0 : Integer.parseInt(value);
        if (format > HistoryTable.FORMAT_VERSION) {
            throw new DatabaseException("the history table " + history.name() + " of " + description
                    + " was written by a newer strata (history format " + format + "); this strata reads format "
                    + HistoryTable.FORMAT_VERSION + ". Upgrade strata.");
        }
    }

    private boolean hasTable(String name) {
        return catalog.stream()
                .anyMatch(e -> e.type().equals("table") && e.name().equalsIgnoreCase(name));
    }

    private static List<CatalogEntry> entries(D1Result result) {
        List<CatalogEntry> entries = new ArrayList<>(result.rows().size());
        for (int i = 0; i < result.rows().size(); i++) {
            entries.add(new CatalogEntry(result.text(i, 0), result.text(i, 1), result.text(i, 2)));
        }
        return entries;
    }

    private static Object value(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return node.asText();
    }

    /**
     * D1 says what failed but not which statement of the request. Nothing of the request took effect,
     * so the statement is found by sending the first statements again with a statement that always
     * fails after them: a request that fails on that one ran its statements without error, and is
     * rolled back like every failing request. A binary search over the statements needs about
     * log2(n) such requests, only after a failure.
     */
    private MigrationFailedException failed(
            ExecutableScript script, List<D1Statement> batch, int first, D1SqlException e, String outcome) {
        List<Statement> statements = script.statements();
        if (statements.isEmpty()) {
            return new MigrationFailedException(
                    script.source() + ": " + e.databaseMessage() + "; " + outcome,
                    script.source(),
                    1,
                    "",
                    e.databaseMessage()) {};
        }
        int low = 0;
        int high = statements.size() - 1;
        while (low < high) {
            int middle = (low + high) / 2;
            if (runsCleanly(batch.subList(0, first + middle + 1))) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return new MigrationFailedException(script.source(), statements.get(low), e.databaseMessage(), outcome);
    }

    /** Whether {@code prefix} runs without error; it is always rolled back. */
    private boolean runsCleanly(List<D1Statement> prefix) {
        List<D1Statement> probe = new ArrayList<>(prefix);
        probe.add(D1Statement.of("SELECT * FROM \"strata: rolls this probe back\""));
        try {
            client.run(probe);
            throw new DatabaseException("a probe request that must fail succeeded on " + description);
        } catch (D1SqlException failure) {
            return failure.databaseMessage().contains("strata: rolls this probe back");
        }
    }
}
