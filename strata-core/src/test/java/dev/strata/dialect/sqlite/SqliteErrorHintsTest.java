package dev.strata.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each hint of {@link SqliteErrorHints}, provoked for real on a SQLite file: a full database (its
 * max_page_count reached, which SQLite reports as SQLITE_FULL exactly as it reports a full disk), and
 * a database another process, or another connection of this one, keeps locked.
 */
class SqliteErrorHintsTest {

    @TempDir
    Path project;

    private Strata strata(String url) {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    private void write(String file, String sql) throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations").resolve(file), sql);
    }

    @Test
    void aFullDatabaseSaysThereIsNoRoomAndWhatToDo() throws IOException {
        Path database = project.resolve("full.db");
        write("0001_t.sql", "CREATE TABLE t (x TEXT);\n");
        strata("sqlite:" + database).migrate();
        write("0002_fill.sql", """
                PRAGMA max_page_count = 40;
                INSERT INTO t WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
                    SELECT printf('%0200d', i) FROM n;
                """);

        assertThatThrownBy(() -> strata("sqlite:" + database).migrate())
                .hasMessageContaining("0002_fill.sql:2")
                .hasMessageContaining("[SQLITE_FULL]")
                .hasMessageContaining("hint: The disk (or the file-size limit, or the database's max_page_count)"
                        + " leaves no room for the database and its journal");
    }

    @Test
    void aDatabaseAnotherProcessLocksNamesThatProcess() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/locks")), "the system lists no file locks");
        Path database = project.resolve("locked.db");
        write("0001_t.sql", "CREATE TABLE t (x INTEGER);\n");
        strata("sqlite:" + database).migrate();
        write("0002_more.sql", "INSERT INTO t VALUES (2);\n");
        Process holder;
        try {
            holder = new ProcessBuilder("sqlite3", database.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            Assumptions.abort("sqlite3 is not installed");
            return;
        }
        try {
            OutputStream in = holder.getOutputStream();
            in.write("BEGIN IMMEDIATE;\nINSERT INTO t VALUES (1);\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            awaitLocked(database);

            assertThatThrownBy(() ->
                            strata("sqlite:" + database + "?busy_timeout=300").migrate())
                    .hasMessageContaining("database is locked")
                    .hasMessageContaining("hint: The database is locked: process " + holder.pid() + " (sqlite3) holds"
                            + " a lock on it (as /proc/locks shows)");
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDatabaseThisProcessLocksThroughAnotherConnectionSaysSo() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/locks")), "the system lists no file locks");
        Path database = project.resolve("own.db");
        write("0001_t.sql", "CREATE TABLE t (x INTEGER);\n");
        strata("sqlite:" + database).migrate();
        write("0002_more.sql", "INSERT INTO t VALUES (2);\n");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("INSERT INTO t VALUES (1)");

            assertThatThrownBy(() ->
                            strata("sqlite:" + database + "?busy_timeout=300").migrate())
                    .hasMessageContaining("database is locked")
                    .hasMessageContaining("hint: The database is locked: this strata process itself (pid "
                            + ProcessHandle.current().pid() + ", another connection of it)");
            statement.execute("ROLLBACK");
        }
    }

    /** Waits until a write transaction can't start on the file: the other process holds its lock. */
    private static void awaitLocked(Path database) throws InterruptedException, SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Connection probe = DriverManager.getConnection("jdbc:sqlite:" + database);
                    Statement statement = probe.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 0");
                statement.execute("BEGIN IMMEDIATE");
                statement.execute("ROLLBACK");
            } catch (SQLException e) {
                if (String.valueOf(e.getMessage()).contains("SQLITE_BUSY")) {
                    return;
                }
                throw e;
            }
            Thread.sleep(50);
        }
        assertThat(false).as("sqlite3 took its lock within 20 seconds").isTrue();
    }
}
