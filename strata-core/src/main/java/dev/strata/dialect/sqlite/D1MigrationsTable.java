package dev.strata.dialect.sqlite;

import dev.strata.dialect.MirrorTable;
import dev.strata.history.AppliedMigration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * wrangler's {@code d1_migrations}, kept in step with strata's history ({@code [migrations] history =
 * "d1"}) so that {@code wrangler d1 migrations list} and strata agree. The table is created as
 * wrangler creates it, and each row names the migration's file as wrangler does ({@code 0001_init.sql}),
 * with the time in wrangler's CURRENT_TIMESTAMP format (UTC).
 */
final class D1MigrationsTable implements MirrorTable {

    private static final String TABLE = "d1_migrations";
    private static final DateTimeFormatter WRANGLER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Override
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + "(id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)");
        }
    }

    @Override
    public void recorded(Connection connection, AppliedMigration row) throws SQLException {
        create(connection);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " (name, applied_at)"
                + " SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + " WHERE name = ?)")) {
            insert.setString(1, fileName(row));
            insert.setString(2, WRANGLER_TIME.format(row.appliedAt()));
            insert.setString(3, fileName(row));
            insert.executeUpdate();
        }
    }

    @Override
    public void removed(Connection connection, AppliedMigration row) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE name = ?")) {
            delete.setString(1, fileName(row));
            delete.executeUpdate();
        }
    }

    /** wrangler's migrations are single files named like strata's: the label and {@code .sql}. */
    private static String fileName(AppliedMigration row) {
        return row.label() + ".sql";
    }
}
