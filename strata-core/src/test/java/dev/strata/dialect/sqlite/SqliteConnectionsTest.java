package dev.strata.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.dialect.WaitListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

class SqliteConnectionsTest {

    @TempDir
    Path folder;

    @Test
    void theMaximumWaitIsTheUrlsBusyTimeoutElseTenMinutes() {
        assertThat(SqliteConnections.maximumWait("jdbc:sqlite:/x/app.db")).isEqualTo(Duration.ofMinutes(10));
        assertThat(SqliteConnections.maximumWait("jdbc:sqlite:/x/app.db?foreign_keys=on&busy_timeout=2500"))
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(SqliteConnections.maximumWait("jdbc:sqlite:/x/app.db?my_busy_timeout=5"))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(SqliteConnections.spoken(Duration.ofMinutes(10))).isEqualTo("10 minutes");
        assertThat(SqliteConnections.spoken(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }

    @Test
    void aReadingConnectionNeverCreatesTheFileAndNeverWrites() throws SQLException {
        Path missing = folder.resolve("missing.db");
        assertThatThrownBy(() -> open(missing, SqliteConnections.Mode.READ)).isInstanceOf(SQLException.class);
        assertThat(missing).doesNotExist();

        Path file = folder.resolve("app.db");
        try (Connection writer = open(file, SqliteConnections.Mode.WRITE);
                Statement statement = writer.createStatement()) {
            statement.execute("CREATE TABLE t (n INTEGER)");
        }
        try (Connection reader = open(file, SqliteConnections.Mode.READ);
                Statement statement = reader.createStatement()) {
            assertThat(statement.executeQuery("SELECT count(*) FROM t").getLong(1))
                    .isZero();
            assertThatThrownBy(() -> statement.execute("INSERT INTO t VALUES (1)"))
                    .hasMessageContaining("readonly");
        }
    }

    private static Connection open(Path file, SqliteConnections.Mode mode) throws SQLException {
        return SqliteConnections.open(
                "jdbc:sqlite:" + file,
                mode,
                Duration.ofSeconds(1),
                new SQLiteConfig(),
                file.toString(),
                WaitListener.SILENT);
    }
}
