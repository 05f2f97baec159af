package dev.strata.dialect;

import dev.strata.source.Version;
import dev.strata.sql.Backfill;
import dev.strata.sql.Statement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One backfill's steps over JDBC. Each batch is one write transaction that reads the last committed
 * key from the progress row, finds the next batch's last key, runs the UPDATE on that range and
 * writes the new key: reading the key inside the transaction (SQLite's BEGIN IMMEDIATE, PostgreSQL
 * under strata's advisory lock) means that no batch can run twice, even when a second process goes
 * on with the same backfill.
 */
final class JdbcBackfill implements BackfillRun.Steps {

    private final JdbcDatabase db;
    private final BackfillTable progress;
    private final Version version;
    private final String source;
    private final Statement statement;
    private final Backfill backfill;
    private final String key;
    private final String outcome;

    /**
     * @param key     the table's key as the engine names it in SQL
     * @param outcome what a failed batch leaves, for its message
     */
    JdbcBackfill(
            JdbcDatabase db,
            BackfillTable progress,
            Version version,
            String source,
            Statement statement,
            Backfill backfill,
            String key,
            String outcome) {
        this.db = db;
        this.progress = progress;
        this.version = version;
        this.source = source;
        this.statement = statement;
        this.backfill = backfill;
        this.key = key;
        this.outcome = outcome;
    }

    @Override
    public BackfillRun.Saved begin() {
        try {
            return db.inTransaction(() -> {
                progress.create(db.connection);
                return progress.begin(db.connection, version, backfill.line());
            });
        } catch (SQLException e) {
            throw failed(e, "could not write the backfill's progress to " + progress.name() + ": ");
        }
    }

    @Override
    public Optional<long[]> keyRange() {
        try (java.sql.Statement query = db.connection.createStatement();
                ResultSet rows = query.executeQuery(backfill.keyRangeSql(key))) {
            if (!rows.next()) {
                return Optional.empty();
            }
            long min = rows.getLong(1);
            if (rows.wasNull()) {
                return Optional.empty();
            }
            return Optional.of(new long[] {min, rows.getLong(2)});
        } catch (SQLException e) {
            throw failed(e, "");
        }
    }

    @Override
    public Optional<BackfillRun.Batch> next() {
        try {
            return db.inTransaction(() -> {
                BackfillRun.Saved saved = progress.read(db.connection, version).get(backfill.line());
                if (saved == null || saved.done()) {
                    return Optional.<BackfillRun.Batch>empty();
                }
                long first = saved.lastKey().map(k -> k + 1).orElse(Long.MIN_VALUE);
                if (saved.lastKey().filter(k -> k == Long.MAX_VALUE).isPresent()) {
                    progress.finish(db.connection, version, backfill.line());
                    return Optional.<BackfillRun.Batch>empty();
                }
                Long last = nextKey(first);
                if (last == null) {
                    progress.finish(db.connection, version, backfill.line());
                    return Optional.<BackfillRun.Batch>empty();
                }
                long rows;
                try (PreparedStatement update = db.connection.prepareStatement(backfill.batchSql(key))) {
                    update.setLong(1, first);
                    update.setLong(2, last);
                    rows = update.executeLargeUpdate();
                }
                progress.advance(db.connection, version, backfill.line(), last, rows);
                return Optional.of(new BackfillRun.Batch(last, rows));
            });
        } catch (SQLException e) {
            throw failed(e, "");
        }
    }

    @Override
    public boolean remainsAbove(long above) {
        try (PreparedStatement query = db.connection.prepareStatement(backfill.remainingSql(key))) {
            query.setLong(1, above);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw failed(e, "");
        }
    }

    @Override
    public void finish() {
        try {
            db.inTransaction(() -> {
                progress.finish(db.connection, version, backfill.line());
                return null;
            });
        } catch (SQLException e) {
            throw failed(e, "could not write the backfill's progress to " + progress.name() + ": ");
        }
    }

    private Long nextKey(long first) throws SQLException {
        try (PreparedStatement query = db.connection.prepareStatement(backfill.nextKeySql(key))) {
            query.setLong(1, first);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                long last = rows.getLong(1);
                return rows.wasNull() ? null : last;
            }
        }
    }

    private MigrationFailedException failed(SQLException e, String doing) {
        return new MigrationFailedException(
                source, statement, doing + db.databaseMessage(e, backfill.batchSql(key)), outcome);
    }
}
