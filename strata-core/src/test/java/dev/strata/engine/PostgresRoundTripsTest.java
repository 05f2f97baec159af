package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.LintGate;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a migration costs in round trips to the PostgreSQL server, counted where pgjdbc ends each
 * exchange with a Sync message (its FINEST log): the difference between runs of 10 and 20
 * one-statement migrations is what 10 more migrations cost, whatever a run costs once. Commits on
 * PostgreSQL cost a round trip and little else when the server does not flush, so this count is
 * what {@code --single-transaction} can save.
 */
class PostgresRoundTripsTest {

    @TempDir
    Path project;

    @Test
    void inOneTransactionAMigrationCostsOnlyItsOwnStatements() throws IOException {
        int ten = roundTrips(10, true);
        int twenty = roundTrips(20, true);

        assertThat(twenty - ten).isEqualTo(10);
    }

    @Test
    void oneTransactionPerMigrationAddsTheCommitAndTheHistoryCheckAroundEach() throws IOException {
        int ten = roundTrips(10, false);
        int twenty = roundTrips(20, false);

        // Per migration: its statement, the history-write mark before and after it, its row, the
        // transaction's SET LOCAL lock_timeout, and the commit.
        assertThat(twenty - ten).isEqualTo(10 * 6);
    }

    /** Round trips of the thread that runs {@code migrate} of {@code count} migrations on a new database. */
    private int roundTrips(int count, boolean singleTransaction) throws IOException {
        Path folder = Files.createDirectories(project.resolve("run-" + count + "-" + singleTransaction));
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        for (int i = 1; i <= count; i++) {
            Files.writeString(
                    migrations.resolve(String.format("%04d_t%d.sql", i, i)),
                    "CREATE TABLE t" + i + " (id INTEGER PRIMARY KEY);\n");
        }
        Strata strata = Strata.configure()
                .projectDir(folder)
                .url(PostgresServer.newDatabaseUrl())
                .environmentVariables(Map.of())
                .lint(LintGate.OFF) // the gate's shadow database is other work, on other connections' terms
                .load();
        try (SyncCount syncs = new SyncCount()) {
            MigrateResult result =
                    strata.migrate(new MigrateOptions(Optional.empty(), false, false, Optional.of(singleTransaction)));
            assertThat(result.applied()).hasSize(count);
            return syncs.count();
        }
    }

    /** Counts pgjdbc's Sync messages sent by this thread while open. */
    private static final class SyncCount extends Handler implements AutoCloseable {

        private final Logger driver = Logger.getLogger("org.postgresql");
        private final Level level = driver.getLevel();
        private final long thread = Thread.currentThread().getId();
        private final AtomicInteger syncs = new AtomicInteger();

        SyncCount() {
            setLevel(Level.ALL);
            driver.setLevel(Level.FINEST);
            driver.addHandler(this);
        }

        int count() {
            return syncs.get();
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLongThreadID() == thread
                    && record.getMessage() != null
                    && record.getMessage().contains("FE=> Sync")) {
                syncs.incrementAndGet();
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            driver.removeHandler(this);
            driver.setLevel(level);
        }
    }
}
