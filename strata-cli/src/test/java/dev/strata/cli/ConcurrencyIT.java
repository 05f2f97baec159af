package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.dialect.postgres.PostgresDatabase;
import dev.strata.engine.MigrateOptions;
import dev.strata.source.Checksums;
import dev.strata.source.Version;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many strata processes on one database at once. The test holds the migration lock the way another
 * process would while the processes start, so that every one of them has to wait and say so: no
 * timing luck decides whether the waiting path runs. Timeouts are generous and nothing is timed.
 */
class ConcurrencyIT {

    private static final int PROCESSES = 8;
    private static final int MIGRATIONS = 12;
    private static final int ROWS = 500;
    private static final Pattern APPLIED = Pattern.compile("(?m)^  applied (\\d{4})_");
    private static final Pattern REVERTED = Pattern.compile("(?m)^  reverted (\\d{4})_");

    @TempDir
    Path project;

    @Test
    void eightProcessesOnOneSqliteFileApplyEachMigrationExactlyOnce() throws Exception {
        String url = "sqlite:" + project.resolve("shared.db");
        eightProcesses(url, new SqliteWriteLock(url), "another process is writing to");
    }

    @Test
    void eightProcessesOnOnePostgresDatabaseApplyEachMigrationExactlyOnce() throws Exception {
        String url = PostgresServer.newDatabaseUrl();
        eightProcesses(url, new AdvisoryLock(url), "another strata process holds the migration lock");
    }

    @Test
    void migrateRacingDownOnSqliteLeavesHistoryAndSchemaInAgreement() throws Exception {
        for (int round = 0; round < 3; round++) {
            String url = "sqlite:" + project.resolve("race-" + round + ".db");
            race(url, new SqliteWriteLock(url));
        }
    }

    @Test
    void migrateRacingDownOnPostgresLeavesHistoryAndSchemaInAgreement() throws Exception {
        for (int round = 0; round < 3; round++) {
            String url = PostgresServer.newDatabaseUrl();
            race(url, new AdvisoryLock(url));
        }
    }

    /**
     * {@code down} selects what to revert on the history it read; on SQLite it gets the write lock
     * only afterwards. Here another writer applies 0007 while {@code down} waits for that lock (the
     * test's own connection plays that writer, so the order is certain). {@code down} must not then
     * revert 0006 from under 0007: it re-checks the history once it holds the lock.
     */
    @Test
    void downOnSqliteRefusesWhenAMigrationWasAppliedWhileItWaited() throws Exception {
        writeMigrations();
        String url = "sqlite:" + project.resolve("down-race.db");
        try (Connection wal = Jdbc.connect(url)) {
            wal.createStatement().execute("PRAGMA journal_mode = WAL");
        }
        Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load()
                .migrate(new MigrateOptions(Optional.of(Version.parse("0006")), false, false));
        String seventh = Files.readString(project.resolve("migrations/0007_t7.up.sql"));
        StrataProcess.Running down;
        try (Connection writer = Jdbc.connect(url)) {
            writer.createStatement().execute("BEGIN IMMEDIATE");
            down = StrataProcess.startSplit(project, Map.of(), project.resolve("down"), "--url", url, "down");
            awaitLine(down, "strata: waiting: ");
            // What 'strata migrate' does for 0007, committed while down waits.
            for (String statement : seventh.split(";\n")) {
                if (!statement.isBlank()) {
                    writer.createStatement().execute(statement);
                }
            }
            writer.createStatement()
                    .execute("INSERT INTO strata_history (version, name, checksum, applied_at,"
                            + " applied_by, execution_ms, success, installed_rank) SELECT '0007', 't7', '"
                            + Checksums.sha256(seventh) + "', applied_at, applied_by, 1, success, installed_rank + 1"
                            + " FROM strata_history WHERE version = '0006'");
            writer.createStatement().execute("COMMIT");
        }
        StrataProcess.Finished finished = down.await();

        assertThat(finished.exitCode()).as(finished.output()).isEqualTo(1);
        assertThat(finished.stderr())
                .as(finished.output())
                .contains("changed while strata waited for its write lock")
                .contains("nothing was reverted")
                .contains("0007_t7 was applied by another process")
                .doesNotContain("Exception");
        assertThat(tableExists(url, "t6")).isTrue();
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM strata_history")).isEqualTo(8);
    }

    /**
     * Two folders with different 0001 files migrate one database at once. The one that waited finds
     * 0001 recorded from the other file: its own 0001 never ran, so it must fail, not report success.
     */
    @Test
    void twoFoldersOnOneSqliteFileTheLoserFailsInsteadOfSkipping() throws Exception {
        String url = "sqlite:" + project.resolve("shared-two.db");
        twoFolders(url, new SqliteWriteLock(url));
    }

    @Test
    void twoFoldersOnOnePostgresDatabaseTheLoserFailsInsteadOfSkipping() throws Exception {
        String url = PostgresServer.newDatabaseUrl();
        twoFolders(url, new AdvisoryLock(url));
    }

    private void twoFolders(String url, HeldLock lock) throws Exception {
        List<Path> folders = new ArrayList<>();
        for (String side : List.of("a", "b")) {
            Path dir = Files.createDirectories(project.resolve(side).resolve("migrations"));
            // The same first migration in both, applied beforehand, so that both wait inside a migration.
            Files.writeString(dir.resolve("0000_base.sql"), "CREATE TABLE base (n INTEGER);\n");
            Files.writeString(dir.resolve("0001_init.sql"), "CREATE TABLE from_" + side + " (n INTEGER);\n");
            folders.add(project.resolve(side));
        }
        Strata.configure()
                .projectDir(folders.get(0))
                .url(url)
                .environmentVariables(Map.of())
                .load()
                .migrate(new MigrateOptions(Optional.of(Version.parse("0000")), false, false));
        List<StrataProcess.Running> runs = new ArrayList<>();
        try (lock) {
            lock.take();
            for (Path folder : folders) {
                runs.add(StrataProcess.startSplit(folder, Map.of(), folder.resolve("run"), "--url", url, "migrate"));
            }
            for (StrataProcess.Running run : runs) {
                awaitLine(run, "strata: waiting: ");
            }
        }
        List<StrataProcess.Finished> finished = new ArrayList<>();
        for (StrataProcess.Running run : runs) {
            finished.add(run.await());
        }
        String context =
                "a:\n" + finished.get(0).output() + "\nb:\n" + finished.get(1).output();
        int winner = finished.get(0).exitCode() == 0 ? 0 : 1;
        StrataProcess.Finished loser = finished.get(1 - winner);
        String winnerTable = "from_" + (winner == 0 ? "a" : "b");
        String loserTable = "from_" + (winner == 0 ? "b" : "a");

        assertThat(finished.get(winner).exitCode()).as(context).isZero();
        assertThat(loser.exitCode()).as(context).isEqualTo(1);
        assertThat(loser.stderr())
                .as(context)
                .contains("0001")
                .contains("nothing was applied")
                .doesNotContain("Exception");
        assertThat(tableExists(url, winnerTable)).as(context).isTrue();
        assertThat(tableExists(url, loserTable)).as(context).isFalse();
        assertThat(Jdbc.query(url, "SELECT checksum FROM strata_history WHERE version = '0001'")
                        .get(0)
                        .get(0))
                .isEqualTo(Checksums.sha256(Files.readString(folders.get(winner).resolve("migrations/0001_init.sql"))));
    }

    /**
     * Every migration also appends its version to {@code applied_log}, made by the first one: a
     * migration run twice would show there even if its other statements were idempotent.
     */
    private void writeMigrations() throws IOException {
        Path dir = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(dir.resolve("0000_log.up.sql"), "CREATE TABLE applied_log (version TEXT NOT NULL);\n");
        Files.writeString(dir.resolve("0000_log.down.sql"), "DROP TABLE applied_log;\n");
        for (int i = 1; i <= MIGRATIONS; i++) {
            String version = String.format("%04d", i);
            Files.writeString(
                    dir.resolve(version + "_t" + i + ".up.sql"),
                    "CREATE TABLE t" + i + " (n INTEGER NOT NULL);\n"
                            + "INSERT INTO t" + i + " (n) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1"
                            + " FROM c WHERE x < " + ROWS + ") SELECT x FROM c;\n"
                            + "INSERT INTO applied_log (version) VALUES ('" + version + "');\n");
            Files.writeString(
                    dir.resolve(version + "_t" + i + ".down.sql"),
                    "DELETE FROM applied_log WHERE version = '" + version + "';\nDROP TABLE t" + i + ";\n");
        }
    }

    private void eightProcesses(String url, HeldLock lock, String waitingFor) throws Exception {
        writeMigrations();
        List<StrataProcess.Running> runs = new ArrayList<>();
        try (lock) {
            lock.take();
            for (int i = 0; i < PROCESSES; i++) {
                runs.add(StrataProcess.startSplit(
                        project, Map.of(), project.resolve("run-" + i), "--url", url, "migrate"));
            }
            for (StrataProcess.Running run : runs) {
                awaitLine(run, "strata: waiting: ");
            }
        }
        List<StrataProcess.Finished> finished = new ArrayList<>();
        for (StrataProcess.Running run : runs) {
            finished.add(run.await());
        }

        TreeMap<String, Integer> appliedBy = new TreeMap<>();
        for (StrataProcess.Finished run : finished) {
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.stderr())
                    .as(run.output())
                    .contains("strata: waiting: " + waitingFor)
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception");
            Matcher applied = APPLIED.matcher(run.stderr());
            while (applied.find()) {
                appliedBy.merge(applied.group(1), 1, Integer::sum);
            }
        }
        // Each migration was applied by exactly one process, ran exactly once, and is recorded once.
        assertThat(appliedBy)
                .hasSize(MIGRATIONS + 1)
                .allSatisfy((version, count) -> assertThat(count).isOne());
        assertThat(Jdbc.query(url, "SELECT version, COUNT(*) FROM applied_log GROUP BY version ORDER BY 1"))
                .hasSize(MIGRATIONS)
                .allSatisfy(row -> assertThat(row.get(1)).isEqualTo("1"));
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM strata_history")).isEqualTo(MIGRATIONS + 1);
        for (int i = 1; i <= MIGRATIONS; i++) {
            assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM t" + i)).isEqualTo(ROWS);
        }
    }

    /**
     * {@code migrate} and {@code down --all} start together on a half-migrated database. Either may
     * go first (on SQLite they may even take turns migration by migration, since each migration's
     * write transaction is the lock there); whatever the order, each migration's table exists
     * exactly when its history row does, and both exit with a documented code.
     */
    private void race(String url, HeldLock lock) throws Exception {
        if (Files.notExists(project.resolve("migrations"))) {
            writeMigrations();
        }
        Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load()
                .migrate(new MigrateOptions(
                        Optional.of(Version.parse(String.format("%04d", MIGRATIONS / 2))), false, false));
        StrataProcess.Running migrate;
        StrataProcess.Running down;
        try (lock) {
            lock.take();
            migrate = StrataProcess.startSplit(project, Map.of(), project.resolve("migrate"), "--url", url, "migrate");
            down = StrataProcess.startSplit(project, Map.of(), project.resolve("down"), "--url", url, "down", "--all");
            awaitLine(migrate, "strata: waiting: ");
            awaitLine(down, "strata: waiting: ");
        }
        StrataProcess.Finished migrated = migrate.await();
        StrataProcess.Finished reverted = down.await();
        String context = "migrate:\n" + migrated.output() + "\ndown:\n" + reverted.output();

        for (StrataProcess.Finished run : List.of(migrated, reverted)) {
            assertThat(run.stderr()).as(context).doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(run.exitCode()).as(context).isIn(0, 1);
            if (run.exitCode() == 1) {
                // A documented failure: a statement failed and was rolled back, or a refusal that changed
                // nothing (e.g. the history moved while it waited, so it asks to be run again).
                assertThat(run.stderr())
                        .as(context)
                        .contains("strata: ")
                        .containsAnyOf(
                                "rolled back",
                                "nothing was applied",
                                "nothing was reverted",
                                "changed while strata waited for its write lock");
            }
        }
        List<String> recorded = Jdbc.query(url, "SELECT version FROM strata_history WHERE success ORDER BY 1").stream()
                .map(row -> row.get(0))
                .toList();
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM strata_history WHERE NOT success"))
                .as(context)
                .isZero();
        // Migrations apply oldest first and revert newest first, so any order of the two leaves a prefix:
        // a gap means one was reverted from under a later one that may depend on it.
        assertThat(recorded)
                .as(context)
                .isEqualTo(java.util.stream.IntStream.range(0, recorded.size())
                        .mapToObj(i -> String.format("%04d", i))
                        .toList());
        for (int i = 1; i <= MIGRATIONS; i++) {
            String version = String.format("%04d", i);
            assertThat(tableExists(url, "t" + i))
                    .as(context + "\nversion " + version)
                    .isEqualTo(recorded.contains(version));
        }
        assertThat(tableExists(url, "applied_log")).as(context).isEqualTo(recorded.contains("0000"));
        if (recorded.contains("0000")) {
            List<String> logged = Jdbc.query(url, "SELECT version FROM applied_log ORDER BY 1").stream()
                    .map(row -> row.get(0))
                    .toList();
            assertThat(logged).as(context).isEqualTo(recorded.subList(1, recorded.size()));
        }
        // The reverts and applications the processes reported are exactly the difference they made.
        assertThat(count(REVERTED, reverted.stderr()) + recorded.size())
                .as(context)
                .isEqualTo(MIGRATIONS / 2 + 1 + count(APPLIED, migrated.stderr()));
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static boolean tableExists(String url, String table) {
        return Jdbc.count(
                        url,
                        url.startsWith("sqlite:")
                                ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'"
                                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '" + table + "'")
                > 0;
    }

    private static void awaitLine(StrataProcess.Running run, String line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(StrataProcess.TIMEOUT_SECONDS);
        while (!run.stderrSoFar().contains(line)) {
            assertThat(run.alive())
                    .as("the process ended without printing '" + line + "':\n" + run.stderrSoFar()
                            + StrataProcess.read(run.stdout()))
                    .isTrue();
            assertThat(System.nanoTime()).as("no '" + line + "' yet").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** What another migrating process would hold, taken from this JVM. */
    private interface HeldLock extends AutoCloseable {
        void take() throws Exception;

        @Override
        void close() throws Exception;
    }

    /** SQLite's write lock, as a process inside a migration holds it. */
    private static final class SqliteWriteLock implements HeldLock {
        private final String url;
        private Connection connection;

        SqliteWriteLock(String url) {
            this.url = url;
        }

        @Override
        public void take() throws Exception {
            connection = Jdbc.connect(url);
            connection.createStatement().execute("BEGIN IMMEDIATE");
        }

        @Override
        public void close() throws Exception {
            if (connection != null) {
                connection.createStatement().execute("ROLLBACK");
                connection.close();
            }
        }
    }

    /** The PostgreSQL advisory lock strata takes for the default history table. */
    private static final class AdvisoryLock implements HeldLock {
        private final String url;
        private Connection connection;

        AdvisoryLock(String url) {
            this.url = url;
        }

        @Override
        public void take() throws Exception {
            connection = Jdbc.connect(url);
            connection
                    .createStatement()
                    .execute("SELECT pg_advisory_lock(" + PostgresDatabase.lockKey("public.strata_history") + ")");
        }

        @Override
        public void close() throws Exception {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
