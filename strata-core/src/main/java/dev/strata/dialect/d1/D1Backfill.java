package dev.strata.dialect.d1;

import dev.strata.dialect.BackfillRun;
import dev.strata.dialect.Identifiers;
import dev.strata.dialect.MigrationFailedException;
import dev.strata.source.Version;
import dev.strata.sql.Backfill;
import dev.strata.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One backfill's steps on remote D1, where each request is one transaction: a batch is one request
 * holding the UPDATE on its key range and the progress row's new last key, so both land or neither.
 * The key range is found by a read request before it; the progress update in the batch is
 * conditional on the last key this session saw, and a statement after it fails the whole request
 * when it changed nothing, so a second run going on with the same backfill can't run a batch twice.
 * Each batch covers at most {@link Backfill#MAX_BATCH} rowids, far inside D1's 30-second limit per
 * request at the default of 1,000.
 */
final class D1Backfill implements BackfillRun.Steps {

    private static final String KEY = "rowid";
    /** D1's REST API sends every parameter as text. */
    private static final String INTEGER = "CAST(? AS INTEGER)";

    private final D1Client client;
    private final String table;
    private final Version version;
    private final String source;
    private final Statement statement;
    private final Backfill backfill;
    private final String outcome;
    /** The last key committed, as this session last saw it. */
    private Optional<Long> lastKey = Optional.empty();

    D1Backfill(
            D1Client client,
            String historyTable,
            Version version,
            String source,
            Statement statement,
            Backfill backfill,
            String outcome) {
        this.client = client;
        this.table = progressTable(historyTable);
        this.version = version;
        this.source = source;
        this.statement = statement;
        this.backfill = backfill;
        this.outcome = outcome;
    }

    static String progressTable(String historyTable) {
        return Identifiers.quote(historyTable + "_backfill");
    }

    static D1Statement create(String historyTable) {
        return D1Statement.of("CREATE TABLE IF NOT EXISTS " + progressTable(historyTable) + " (version TEXT NOT NULL,"
                + " line INTEGER NOT NULL, last_key INTEGER, rows_done INTEGER NOT NULL, done INTEGER NOT NULL,"
                + " updated_at TEXT NOT NULL, PRIMARY KEY (version, line))");
    }

    static D1Statement read(String historyTable, Version version) {
        return D1Statement.of(
                "SELECT line, last_key, rows_done, done FROM " + progressTable(historyTable) + " WHERE version = ?",
                version.text());
    }

    static D1Statement clear(String historyTable, Version version) {
        return D1Statement.of("DELETE FROM " + progressTable(historyTable) + " WHERE version = ?", version.text());
    }

    static Map<Integer, BackfillRun.Saved> saved(D1Result result) {
        Map<Integer, BackfillRun.Saved> saved = new LinkedHashMap<>();
        for (int i = 0; i < result.rows().size(); i++) {
            String key = result.text(i, 1);
            saved.put(
                    Integer.parseInt(result.text(i, 0)),
                    new BackfillRun.Saved(
                            key == null ? Optional.empty() : Optional.of(Long.parseLong(key)),
                            Long.parseLong(result.text(i, 2)),
                            !"0".equals(result.text(i, 3))));
        }
        return saved;
    }

    @Override
    public BackfillRun.Saved begin() {
        List<D1Result> results = send(
                D1Statement.of(
                        "INSERT INTO " + table + " (version, line, last_key, rows_done, done, updated_at) SELECT ?, ?,"
                                + " NULL, 0, 0, ? WHERE NOT EXISTS (SELECT 1 FROM " + table
                                + " WHERE version = ? AND line = ?)",
                        version.text(),
                        Integer.toString(backfill.line()),
                        Instant.now().toString(),
                        version.text(),
                        Integer.toString(backfill.line())),
                D1Statement.of(
                        "SELECT line, last_key, rows_done, done FROM " + table + " WHERE version = ? AND line = ?",
                        version.text(),
                        Integer.toString(backfill.line())));
        BackfillRun.Saved saved = saved(results.get(1)).get(backfill.line());
        lastKey = saved.lastKey();
        rowsDone = saved.rows();
        return saved;
    }

    @Override
    public Optional<long[]> keyRange() {
        D1Result range = send(D1Statement.of(backfill.keyRangeSql(KEY))).get(0);
        String min = range.rows().isEmpty() ? null : range.text(0, 0);
        return min == null
                ? Optional.empty()
                : Optional.of(new long[] {Long.parseLong(min), Long.parseLong(range.text(0, 1))});
    }

    @Override
    public Optional<BackfillRun.Batch> next() {
        if (lastKey.filter(k -> k == Long.MAX_VALUE).isPresent()) {
            finish();
            return Optional.empty();
        }
        long first = lastKey.map(k -> k + 1).orElse(Long.MIN_VALUE);
        String nextKey = backfill.nextKeySql(KEY, INTEGER);
        D1Result next = send(D1Statement.of(nextKey, Long.toString(first))).get(0);
        String last = next.rows().isEmpty() ? null : next.text(0, 0);
        if (last == null) {
            finish();
            return Optional.empty();
        }
        String update = backfill.batchSql(KEY, INTEGER);
        List<D1Result> results = send(
                new D1Statement(update, List.of(Long.toString(first), last)),
                D1Statement.of(
                        "UPDATE " + table + " SET last_key = CAST(? AS INTEGER), rows_done = rows_done + changes(),"
                                + " updated_at = ? WHERE version = ? AND line = ? AND last_key IS " + lastKeyValue(),
                        last,
                        Instant.now().toString(),
                        version.text(),
                        Integer.toString(backfill.line())),
                changedOrFail(),
                D1Statement.of(
                        "SELECT rows_done FROM " + table + " WHERE version = ? AND line = ?",
                        version.text(),
                        Integer.toString(backfill.line())));
        long rowsBefore = rowsDone;
        rowsDone = Long.parseLong(results.get(3).text(0, 0));
        lastKey = Optional.of(Long.parseLong(last));
        return Optional.of(new BackfillRun.Batch(lastKey.get(), rowsDone - rowsBefore));
    }

    /** Rows done as of the last batch this session committed; set by {@link #begin}. */
    private long rowsDone;

    private String lastKeyValue() {
        return lastKey.map(Object::toString).orElse("NULL");
    }

    /** Fails the request (NULL into a NOT NULL key) when the statement before changed no row. */
    private D1Statement changedOrFail() {
        return D1Statement.of("INSERT INTO " + table + " (version, line, last_key, rows_done, done, updated_at)"
                + " SELECT NULL, 0, NULL, 0, 0, '' WHERE changes() = 0");
    }

    @Override
    public boolean remainsAbove(long key) {
        return !send(D1Statement.of(backfill.remainingSql(KEY, INTEGER), Long.toString(key)))
                .get(0)
                .rows()
                .isEmpty();
    }

    @Override
    public void finish() {
        send(
                D1Statement.of(
                        "UPDATE " + table
                                + " SET done = 1, updated_at = ? WHERE version = ? AND line = ? AND last_key IS "
                                + lastKeyValue(),
                        Instant.now().toString(),
                        version.text(),
                        Integer.toString(backfill.line())),
                changedOrFail());
    }

    private List<D1Result> send(D1Statement... statements) {
        try {
            return client.run(statements);
        } catch (D1SqlException e) {
            String message = e.databaseMessage().contains("NOT NULL constraint failed")
                            && e.databaseMessage().contains("_backfill")
                    ? "another run advanced this backfill meanwhile (its progress row moved); nothing of this batch"
                            + " was applied"
                    : e.databaseMessage();
            throw new MigrationFailedException(source, statement, message, outcome);
        }
    }
}
