package dev.strata.dialect.postgres;

import dev.strata.dialect.IndexUsage;
import dev.strata.schema.QualifiedName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Index scans per index from {@code pg_stat_user_indexes}, counted since the database's statistics
 * were last reset, or since the server started when they never were.
 */
final class PostgresIndexUsage {

    private PostgresIndexUsage() {}

    static IndexUsage read(Connection connection) throws SQLException {
        Map<QualifiedName, Long> scans = new HashMap<>();
        Optional<Instant> since;
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows =
                    statement.executeQuery("SELECT schemaname, indexrelname, idx_scan FROM pg_stat_user_indexes")) {
                while (rows.next()) {
                    scans.put(new QualifiedName(rows.getString(1), rows.getString(2)), rows.getLong(3));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT COALESCE((SELECT stats_reset FROM pg_stat_database"
                    + " WHERE datname = current_database()), pg_postmaster_start_time())")) {
                Timestamp reset = rows.next() ? rows.getTimestamp(1) : null;
                since = Optional.ofNullable(reset).map(Timestamp::toInstant);
            }
        }
        return new IndexUsage(scans, since);
    }
}
