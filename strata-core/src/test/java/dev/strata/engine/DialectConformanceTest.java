package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.dialect.MigrationFailedException;
import dev.strata.dialect.VerificationFailedException;
import dev.strata.history.AppliedMigration;
import dev.strata.source.Version;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every dialect must show, run against a live database of each engine. A new dialect
 * is done when a subclass of this suite passes with a real database behind it.
 */
public abstract class DialectConformanceTest {

    @TempDir
    protected Path project;

    protected String url;

    /** A URL of an empty database that only this test uses. */
    protected abstract String newDatabaseUrl(Path folder) throws IOException;

    @BeforeEach
    void freshDatabase() throws IOException {
        url = newDatabaseUrl(project);
        Files.createDirectories(project.resolve("migrations"));
    }

    protected Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(environment())
                .load();
    }

    protected void write(String file, String sql) throws IOException {
        Path path = project.resolve("migrations").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, sql);
    }

    protected List<String> tables() {
        return query(tableListQuery()).stream().map(row -> row.get(0)).toList();
    }

    /** The environment variables strata is given: none, unless the engine takes credentials from them. */
    protected Map<String, String> environment() {
        return Map.of();
    }

    /** Every row of a query on the test's database, behind strata's back, each column as a string. */
    protected List<List<String>> query(String sql) {
        return Jdbc.query(url, sql);
    }

    /** A statement on the test's database, behind strata's back. */
    protected void execute(String sql) {
        Jdbc.execute(url, sql);
    }

    private long count(String sql) {
        return Long.parseLong(query(sql).get(0).get(0));
    }

    /** A query that lists the user's tables, one name per row, sorted. */
    protected abstract String tableListQuery();

    /** Holds what a migrating strata process would hold, until closed. */
    protected abstract AutoCloseable holdMigrationLock() throws Exception;

    /** Words the waiting message must contain. */
    protected abstract String waitingFor();

    // ---- applying ------------------------------------------------------------------------------

    @Test
    void appliesPendingMigrationsInNumericOrderAndRecordsEach() throws IOException {
        write("10_third.sql", "INSERT INTO log (id, step) VALUES (3, 'third');");
        write("9_second.sql", "INSERT INTO log (id, step) VALUES (2, 'second');");
        write("0001_first.sql", "CREATE TABLE log (id INTEGER PRIMARY KEY, step TEXT NOT NULL);");

        MigrateResult result = strata().migrate();

        assertThat(result.applied()).extracting(row -> row.version().text()).containsExactly("0001", "9", "10");
        assertThat(query("SELECT step FROM log ORDER BY id")).containsExactly(List.of("second"), List.of("third"));
        AppliedMigration first = result.applied().get(0);
        assertThat(first.name()).isEqualTo("first");
        assertThat(first.checksum()).hasSize(64);
        assertThat(first.success()).isTrue();
        assertThat(first.executionMs()).isNotNegative();
        assertThat(strata().status().migrations())
                .extracting(MigrationStatus::state)
                .containsOnly(MigrationState.APPLIED);
    }

    @Test
    void aSecondRunAppliesNothing() throws IOException {
        write("0001_create.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);");
        strata().migrate();

        MigrateResult again = strata().migrate();

        assertThat(again.applied()).isEmpty();
        assertThat(again.planned()).isEmpty();
    }

    @Test
    void aFailingStatementRollsBackItsWholeMigrationAndKeepsEarlierOnes() throws IOException {
        write("0001_ok.sql", "CREATE TABLE kept (id INTEGER PRIMARY KEY);");
        write(
                "0002_broken.sql",
                "CREATE TABLE half (id INTEGER PRIMARY KEY);\n\nINSERT INTO no_such_table VALUES (1);\n");
        write("0003_never.sql", "CREATE TABLE never (id INTEGER PRIMARY KEY);");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("migrations/0002_broken.sql:3")
                .hasMessageContaining("INSERT INTO no_such_table VALUES (1)")
                .hasMessageContaining("no_such_table")
                .hasMessageContaining("rolled back");

        assertThat(tables()).contains("kept").doesNotContain("half", "never");
        assertThat(strata().status().migrations())
                .extracting(m -> m.version().text() + "=" + m.state().label())
                .containsExactly("0001=applied", "0002=pending", "0003=pending");
    }

    @Test
    void aFileThatDoesNotParseStopsTheRunBeforeAnyChange() throws IOException {
        write("0001_ok.sql", "CREATE TABLE first_table (id INTEGER PRIMARY KEY);");
        write("0002_ok.sql", "CREATE TABLE second_table (id INTEGER PRIMARY KEY);");
        write("0003_bad.sql", "SELECT 1;\nINSERT INTO x VALUES ('unterminated);\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("migrations/0003_bad.sql:2");

        assertThat(tables()).doesNotContain("first_table", "second_table");
    }

    @Test
    void aBeginCommitPairAroundTheFileIsTheMigrationsOwnTransaction() throws IOException {
        write("0001_wrapped.sql", "BEGIN;\nCREATE TABLE wrapped (id INTEGER PRIMARY KEY);\nCOMMIT;\n");

        strata().migrate();

        assertThat(tables()).contains("wrapped");
    }

    @Test
    void transactionControlInsideABodyIsRefusedWithItsLine() throws IOException {
        write(
                "0001_inner.sql",
                "CREATE TABLE a (id INTEGER PRIMARY KEY);\nCOMMIT;\nCREATE TABLE b (id INTEGER PRIMARY KEY);\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("migrations/0001_inner.sql:2")
                .hasMessageContaining("transaction control");
        assertThat(tables()).doesNotContain("a", "b");
    }

    @Test
    void targetStopsAtTheGivenVersion() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);");
        write("0003_c.sql", "CREATE TABLE c (id INTEGER PRIMARY KEY);");

        strata().migrate(new MigrateOptions(java.util.Optional.of(Version.parse("2")), false, false));

        assertThat(tables()).contains("a", "b").doesNotContain("c");
    }

    @Test
    void dryRunPlansWithoutTouchingTheDatabase() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");

        MigrateResult plan = strata().migrate(new MigrateOptions(java.util.Optional.empty(), true, false));

        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.planned()).hasSize(1);
        assertThat(plan.planned().get(0).script().statements().get(0).sql())
                .isEqualTo("CREATE TABLE a (id INTEGER PRIMARY KEY)");
        assertDatabaseEmpty();
    }

    /** Nothing at all was written: no history table, no user tables. */
    protected void assertDatabaseEmpty() {
        assertThat(tables()).isEmpty();
    }

    // ---- status and validate ---------------------------------------------------------------------

    @Test
    void statusTellsAppliedPendingChangedMissingAndOutOfOrder() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);");
        write("0004_d.sql", "CREATE TABLE d (id INTEGER PRIMARY KEY);");
        strata().migrate();
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, edited INTEGER);");
        Files.delete(project.resolve("migrations/0002_b.sql"));
        write("0003_c.sql", "CREATE TABLE c (id INTEGER PRIMARY KEY);");
        write("0005_e.sql", "CREATE TABLE e (id INTEGER PRIMARY KEY);");

        List<MigrationStatus> rows = strata().status().migrations();

        assertThat(rows)
                .extracting(m -> m.version().text() + "=" + m.state().label() + (m.outOfOrder() ? "!" : ""))
                .containsExactly("0001=changed", "0002=missing", "0003=pending!", "0004=applied", "0005=pending");
        assertThat(rows.get(3).appliedAt()).isPresent();
        assertThat(rows.get(3).executionMs()).isPresent();

        ValidationReport report = strata().validate(false);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems())
                .extracting(ValidationProblem::kind)
                .containsExactly("changed", "missing", "out-of-order");
        assertThat(strata().validate(true).problems())
                .extracting(ValidationProblem::kind)
                .containsExactly("changed", "missing");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("migrations/0001_a.sql: edited after it was applied")
                .hasMessageContaining("0002_b is recorded as applied but its file is gone");
        assertThat(tables()).doesNotContain("c", "e");
    }

    @Test
    void validateReportsEveryPendingFileThatDoesNotParse() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0002_b.sql", "/* never closed");
        write("0003_c.sql", "CREATE TABLE c (name TEXT DEFAULT 'oops);");

        ValidationReport report = strata().validate(false);

        assertThat(report.problems())
                .extracting(ValidationProblem::message)
                .anySatisfy(message -> assertThat(message).startsWith("migrations/0002_b.sql:1"))
                .anySatisfy(message -> assertThat(message).startsWith("migrations/0003_c.sql:1"));
        assertDatabaseEmpty();
    }

    // ---- verify ----------------------------------------------------------------------------------

    @Test
    void verifyChecksThatReturnNoRowsOrASingleTrueLetTheMigrationCommit() throws IOException {
        write("0001_orders.sql", """
                CREATE TABLE orders (id INTEGER PRIMARY KEY, total NUMERIC NOT NULL);
                INSERT INTO orders VALUES (1, 10), (2, 20);
                -- strata:verify SELECT id FROM orders WHERE total < 0
                -- strata:verify SELECT COUNT(*) = 2 FROM orders;
                """);

        strata().migrate();

        assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(2);
        assertThat(strata().status().count(MigrationState.APPLIED)).isEqualTo(1);
    }

    @Test
    void aFailingVerifyRollsTheMigrationBackAndShowsTheFirstRowsWithTheDirectivesLine() throws IOException {
        write("0001_orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY, total NUMERIC NOT NULL);");
        write("0002_import.sql", """
                INSERT INTO orders VALUES (1, 10), (2, -5), (3, -7), (4, -1), (5, -2), (6, -3), (7, -4);
                CREATE TABLE imported (id INTEGER PRIMARY KEY);

                -- strata:verify SELECT id, total FROM orders WHERE total < 0 ORDER BY id
                """);

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOfSatisfying(VerificationFailedException.class, e -> {
                    assertThat(e.rowCount()).isEqualTo(6);
                    assertThat(e.rows()).hasSize(5).first().asString().isEqualTo("id = 2, total = -5");
                    assertThat(e.line()).isEqualTo(4);
                })
                .hasMessageContaining("migrations/0002_import.sql:4: verification failed: SELECT id, total FROM orders")
                .hasMessageContaining("it returned 6 rows")
                .hasMessageContaining("id = 3, total = -7")
                .hasMessageNotContaining("id = 7")
                .hasMessageContaining("rolled back");

        assertThat(count("SELECT COUNT(*) FROM orders")).isZero();
        assertThat(tables()).doesNotContain("imported");
        assertThat(strata().status().migrations())
                .extracting(m -> m.state().label())
                .containsExactly("applied", "pending");
    }

    @Test
    void aSingleFalseFailsAVerify() throws IOException {
        write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n-- strata:verify SELECT COUNT(*) = 1 FROM t\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("0001_t.sql:2")
                .hasMessageContaining("it returned 1 row ");
        assertThat(tables()).doesNotContain("t");
    }

    @Test
    void aVerifyThatDoesNotRunFailsWithItsLine() throws IOException {
        write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n\n-- strata:verify SELECT nope FROM t\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("0001_t.sql:3: statement failed: SELECT nope FROM t")
                .hasMessageContaining("rolled back");
        assertThat(tables()).doesNotContain("t");
    }

    @Test
    void verifyIsRefusedInNoTransactionFilesAndWithTwoQueries() throws IOException {
        write(
                "0001_a.sql",
                "-- strata:no-transaction\nCREATE TABLE a (id INTEGER PRIMARY KEY);\n"
                        + "-- strata:verify SELECT 1 WHERE 1 = 0\n");
        write(
                "0002_b.sql",
                "CREATE TABLE b (id INTEGER PRIMARY KEY);\n-- strata:verify SELECT 1; SELECT 2\n"
                        + "-- strata:verify\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOfSatisfying(
                        MigrationRefusedException.class,
                        e -> assertThat(e.getMessage())
                                .contains("0001_a.sql:3: '-- strata:verify' and '-- strata:foreign-keys off' need the"
                                        + " migration's transaction")
                                .contains("0002_b.sql:2: '-- strata:verify' must hold exactly one query; it holds 2")
                                .contains("0002_b.sql:3: '-- strata:verify' names no query"));
        assertDatabaseEmpty();
    }

    @Test
    void aDownScriptsVerifyKeepsTheMigrationAppliedWhenItFails() throws IOException {
        write("0001_a.up.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\nINSERT INTO a VALUES (1);");
        write("0001_a.down.sql", "DELETE FROM a;\n-- strata:verify SELECT COUNT(*) = 1 FROM a\n");
        strata().migrate();

        assertThatThrownBy(() -> strata().down(DownRequest.steps(1)))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("0001_a.down.sql:2")
                .hasMessageContaining("0001_a is still applied");
        assertThat(count("SELECT COUNT(*) FROM a")).isEqualTo(1);
    }

    // ---- down ----------------------------------------------------------------------------------

    @Test
    void downRevertsNewestFirstByStepsToAndAll() throws IOException {
        write("0001_a.up.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0001_a.down.sql", "DROP TABLE a;");
        write("0002_b/up.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);");
        write("0002_b/down.sql", "DROP TABLE b;");
        write("0003_c.up.sql", "CREATE TABLE c (id INTEGER PRIMARY KEY);");
        write("0003_c.down.sql", "DROP TABLE c;");
        strata().migrate();

        DownResult one = strata().down(DownRequest.steps(1));
        assertThat(one.reverted()).extracting(row -> row.version().text()).containsExactly("0003");
        assertThat(tables()).contains("a", "b").doesNotContain("c");

        strata().migrate();
        DownResult toOne = strata().down(DownRequest.to(Version.parse("1")));
        assertThat(toOne.reverted()).extracting(row -> row.version().text()).containsExactly("0003", "0002");
        assertThat(tables()).contains("a").doesNotContain("b", "c");

        strata().down(DownRequest.all());
        assertThat(tables()).doesNotContain("a", "b", "c");
        assertThat(strata().status().migrations())
                .extracting(MigrationStatus::state)
                .containsOnly(MigrationState.PENDING);
    }

    @Test
    void downRefusesAndChangesNothingWhenADownScriptIsMissing() throws IOException {
        write("0001_a.up.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0001_a.down.sql", "DROP TABLE a;");
        write("0002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);");
        strata().migrate();

        assertThatThrownBy(() -> strata().down(DownRequest.all()))
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("0002_b has no down script");

        assertThat(tables()).contains("a", "b");
    }

    // ---- concurrency ---------------------------------------------------------------------------

    @Test
    void concurrentRunsApplyEachMigrationExactlyOnce() throws Exception {
        write("0001_counter.sql", "CREATE TABLE counter (id INTEGER PRIMARY KEY, migration TEXT NOT NULL);");
        for (int i = 2; i <= 12; i++) {
            write(
                    String.format("%04d_step.sql", i),
                    "INSERT INTO counter (id, migration) VALUES (" + i + ", '" + i + "');");
        }
        List<MigrateResult> runs = concurrently(4, () -> strata().migrate());

        assertThat(runs.stream().mapToInt(run -> run.applied().size()).sum()).isEqualTo(12);
        assertThat(count("SELECT COUNT(*) FROM counter")).isEqualTo(11);
        assertThat(count("SELECT COUNT(DISTINCT migration) FROM counter")).isEqualTo(11);
        assertThat(strata().status().migrations())
                .hasSize(12)
                .extracting(MigrationStatus::state)
                .containsOnly(MigrationState.APPLIED);
    }

    @Test
    void installedRanksCountOnInTheOrderMigrationsWereApplied() throws Exception {
        for (int i = 1; i <= 4; i++) {
            write(String.format("%04d_step.up.sql", i), "SELECT " + i + ";");
            write(String.format("%04d_step.down.sql", i), "SELECT " + i + ";");
        }
        strata().migrate(new MigrateOptions(java.util.Optional.of(Version.parse("2")), false, false));
        strata().migrate();
        strata().down(DownRequest.steps(1));
        strata().migrate();

        assertThat(query("SELECT version, installed_rank FROM strata_history ORDER BY version"))
                .containsExactly(
                        List.of("0001", "1"), List.of("0002", "2"), List.of("0003", "3"), List.of("0004", "4"));
    }

    @Test
    void concurrentRunsGiveEveryMigrationItsOwnRank() throws Exception {
        for (int i = 1; i <= 12; i++) {
            write(String.format("%04d_step.sql", i), "SELECT " + i + ";");
        }
        concurrently(4, () -> strata().migrate());

        assertThat(count("SELECT COUNT(DISTINCT installed_rank) FROM strata_history"))
                .isEqualTo(12);
        assertThat(count("SELECT MAX(installed_rank) FROM strata_history")).isEqualTo(12);
    }

    @Test
    void concurrentDownsRunEachDownScriptOnce() throws Exception {
        write("0001_log.sql", "CREATE TABLE undo_log (id INTEGER PRIMARY KEY, migration TEXT NOT NULL);");
        for (int i = 2; i <= 7; i++) {
            write(String.format("%04d_step.up.sql", i), "SELECT 1;");
            write(
                    String.format("%04d_step.down.sql", i),
                    "INSERT INTO undo_log (id, migration) VALUES (" + i + ", '" + i + "');");
        }
        strata().migrate();
        List<DownResult> runs = concurrently(3, () -> strata().down(DownRequest.to(Version.parse("1"))));

        assertThat(runs.stream().mapToInt(run -> run.reverted().size()).sum()).isEqualTo(6);
        assertThat(count("SELECT COUNT(*) FROM undo_log")).isEqualTo(6);
        assertThat(strata().status().count(MigrationState.APPLIED)).isEqualTo(1);
    }

    @Test
    void aRunThatMustWaitSaysSoAndThenFinishes() throws Exception {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        List<String> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void waiting(String what) {
                waits.add(what);
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<MigrateResult> run;
            try (AutoCloseable held = holdMigrationLock()) {
                run = pool.submit(() -> Strata.configure()
                        .projectDir(project)
                        .url(url)
                        .environmentVariables(environment())
                        .listener(listener)
                        .load()
                        .migrate());
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                while (waits.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(run).isNotDone();
            }
            assertThat(run.get().applied()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).contains(waitingFor()).contains("waiting");
    }

    /** Starts {@code count} copies of {@code task} at once and returns their results. */
    private static <T> List<T> concurrently(int count, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- history ---------------------------------------------------------------------------------

    @Test
    void historyRecordsItsFormatAndRefusesANewerOne() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        strata().migrate();
        assertThat(count("SELECT format_version FROM strata_history_meta")).isEqualTo(1);

        execute("UPDATE strata_history_meta SET format_version = 99");

        assertThatThrownBy(() -> strata().status())
                .hasMessageContaining("newer strata")
                .hasMessageContaining("format 99");
    }

    @Test
    void theHistoryTableNameIsConfigurable() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");

        Strata.configure()
                .projectDir(project)
                .url(url)
                .historyTable("schema_migrations_strata")
                .environmentVariables(environment())
                .load()
                .migrate();

        assertThat(tables()).contains("schema_migrations_strata").doesNotContain("strata_history");
    }
}
