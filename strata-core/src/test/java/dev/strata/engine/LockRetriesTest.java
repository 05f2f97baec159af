package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.history.AppliedMigration;
import dev.strata.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lock timeouts and retries on a real PostgreSQL server, with a real second session holding an ACCESS
 * EXCLUSIVE lock on the table a migration alters, in a transaction it keeps open.
 */
class LockRetriesTest {

    /** The migration's first statement takes effect only if the whole migration commits. */
    private static final String ALTER =
            "CREATE TABLE audit (id BIGINT PRIMARY KEY);\n" + "ALTER TABLE events ADD COLUMN note TEXT;\n";

    @TempDir
    Path project;

    private String url;
    private Connection blocker;
    private int blockerPid;
    private final List<String> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void createTableAndStartMigrationsThere() throws Exception {
        url = PostgresServer.newDatabaseUrl();
        Path migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(migrations.resolve("001_events.sql"), "CREATE TABLE events (id BIGINT PRIMARY KEY);\n");
        strata(3, "300ms", null).migrate();
        blocker =
                DriverManager.getConnection(url.replace("postgres://postgres@", "jdbc:postgresql://"), "postgres", "");
        try (Statement statement = blocker.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            blockerPid = rows.getInt(1);
        }
    }

    @AfterEach
    void endTheBlocker() throws SQLException {
        blocker.close();
    }

    @Test
    void waitsRetriesAndSucceedsOnceTheLockIsReleased() throws Exception {
        Files.writeString(project.resolve("migrations/002_note.sql"), ALTER);
        holdLock();
        CountDownLatch firstWait = new CountDownLatch(1);
        Thread releaser = new Thread(() -> {
            try {
                if (firstWait.await(60, TimeUnit.SECONDS)) {
                    blocker.rollback();
                }
            } catch (InterruptedException | SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        releaser.start();

        List<AppliedMigration> applied = strata(3, "300ms", firstWait).migrate().applied();
        releaser.join();

        assertThat(applied).extracting(AppliedMigration::name).containsExactly("note");
        assertThat(waits).isNotEmpty();
        assertThat(waits.get(0))
                .contains("002_note.sql:2 waited more than 300 ms for a lock and was rolled back")
                .contains("session " + blockerPid)
                .contains("idle in transaction")
                .contains("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
                .contains("(try 2 of 4)");
        assertThat(columns("events")).containsExactly("id", "note");
        assertThat(tableExists("audit")).isTrue();
    }

    @Test
    void givesUpNamingTheBlockerWhenTheLockIsNeverReleased() throws Exception {
        Files.writeString(project.resolve("migrations/002_note.sql"), ALTER);
        holdLock();

        assertThatThrownBy(() -> strata(2, "200ms", null).migrate())
                .isInstanceOf(LockWaitGaveUpException.class)
                .hasMessageContaining("002_note.sql:2: gave up after 3 tries")
                .hasMessageContaining("blocked by session " + blockerPid)
                .hasMessageContaining("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
                .hasMessageContaining("none of the migration was applied")
                .hasMessageContaining("End that session or let it finish");
        assertThat(waits).hasSize(2);

        blocker.rollback();
        // Nothing half applied: neither the first statement's table nor the column, and no history row.
        assertThat(tableExists("audit")).isFalse();
        assertThat(columns("events")).containsExactly("id");
        assertThat(strata(0, "200ms", null).status().migrations())
                .filteredOn(m -> m.name().equals("note"))
                .extracting(MigrationStatus::state)
                .containsExactly(MigrationState.PENDING);
    }

    @Test
    void aFilesOwnLockTimeoutReplacesTheConfiguredOne() throws Exception {
        Files.writeString(project.resolve("migrations/002_note.sql"), "-- strata:lock-timeout 150ms\n" + ALTER);
        holdLock();

        assertThatThrownBy(() -> strata(0, "5min", null).migrate())
                .isInstanceOf(LockWaitGaveUpException.class)
                .hasMessageContaining("gave up after 1 try: each time, a statement waited more than 150 ms");
    }

    private void holdLock() throws SQLException {
        blocker.setAutoCommit(false);
        try (Statement statement = blocker.createStatement()) {
            statement.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
        }
    }

    private Strata strata(int retries, String lockTimeout, CountDownLatch onWait) throws Exception {
        Files.writeString(
                project.resolve("strata.toml"),
                "[migrations]\nlock_timeout = \"" + lockTimeout + "\"\nlock_retries = " + retries + "\n");
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .listener(new MigrationListener() {
                    @Override
                    public void waiting(String what) {
                        waits.add(what);
                        if (onWait != null) {
                            onWait.countDown();
                        }
                    }
                })
                .load();
    }

    private List<String> columns(String table) throws SQLException {
        return query("SELECT column_name FROM information_schema.columns WHERE table_name = '" + table
                + "' ORDER BY ordinal_position");
    }

    private boolean tableExists(String table) throws SQLException {
        return query("SELECT to_regclass('" + table + "')::text").get(0) != null;
    }

    private List<String> query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        url.replace("postgres://postgres@", "jdbc:postgresql://"), "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
