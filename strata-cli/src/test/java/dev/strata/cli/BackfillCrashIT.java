package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -- strata:backfill} under SIGKILL: {@code strata migrate} is killed three times in the
 * middle of a backfill (each time once it has printed progress, after a random few milliseconds more,
 * so kills land between and inside batches), then a plain {@code migrate} finishes it. The UPDATE
 * increments a counter and its WHERE matches every row, so a batch that ran twice would leave a 2:
 * every row must end at exactly 1, and after each kill the rows at 1 must be exactly what the
 * progress row says was committed.
 */
class BackfillCrashIT {

    private static final int KILLS = 3;

    @TempDir
    Path root;

    /** The case: a million rows in a SQLite file. Left out of {@code -Dquick}. */
    @Test
    @Tag("full")
    void aMillionRowsOnSqliteKilledThreeTimesEndEachUpdatedExactlyOnce() throws Exception {
        String url = "sqlite:" + root.resolve("app.db");
        killAndFinish(url, 1_000_000);
    }

    /** The same on PostgreSQL, smaller. */
    @Test
    void postgresKilledThreeTimesEndsWithEveryRowUpdatedExactlyOnce() throws Exception {
        killAndFinish(PostgresServer.newDatabaseUrl(), 200_000);
    }

    private void killAndFinish(String url, int rows) throws Exception {
        Path project = Files.createDirectories(root.resolve("project"));
        Path migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                migrations.resolve("0001_items.sql"),
                "CREATE TABLE items (id INTEGER PRIMARY KEY, v INTEGER NOT NULL, n INTEGER NOT NULL DEFAULT 0);\n");
        StrataProcess.Finished first = StrataProcess.run(project, Map.of(), "--url", url, "migrate");
        assertThat(first.exitCode()).as(first.output()).isZero();
        Jdbc.execute(
                url,
                url.startsWith("sqlite:")
                        ? "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " + rows + ")"
                                + " INSERT INTO items (id, v) SELECT i, i FROM s"
                        : "INSERT INTO items (id, v) SELECT i, i FROM generate_series(1, " + rows + ") AS i");
        Files.writeString(
                migrations.resolve("0002_count.sql"),
                "-- strata:no-transaction\n"
                        + "-- strata:backfill batch=1000 pause=0ms\n"
                        + "UPDATE items SET n = n + 1 WHERE v > 0;\n");

        long committed = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            String context = "kill " + kill + " of " + KILLS;
            StrataProcess.Running running =
                    StrataProcess.startSplit(project, Map.of(), root.resolve("run-" + kill), "--url", url, "migrate");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(StrataProcess.TIMEOUT_SECONDS);
            while (!running.stderrSoFar().contains("  backfill ")) {
                assertThat(running.alive())
                        .as(context + ": strata ended before its backfill showed progress: " + running.stderrSoFar())
                        .isTrue();
                assertThat(System.nanoTime()).as(context).isLessThan(deadline);
                Thread.sleep(5);
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 150));
            assertThat(running.alive())
                    .as(context + ": strata finished the backfill before the kill: " + running.stderrSoFar())
                    .isTrue();
            running.kill();

            long done = Jdbc.count(url, "SELECT rows_done FROM strata_history_backfill WHERE version = '0002'");
            assertThat(Jdbc.count(url, "SELECT count(*) FROM items WHERE n > 1"))
                    .as(context + ": no row updated twice")
                    .isZero();
            assertThat(Jdbc.count(url, "SELECT count(*) FROM items WHERE n = 1"))
                    .as(context + ": the rows updated are exactly the committed batches")
                    .isEqualTo(done);
            assertThat(done).as(context + ": the progress moved").isGreaterThan(committed);
            assertThat(done).as(context + ": not finished").isLessThan(rows);
            assertThat(Jdbc.count(
                            url,
                            "SELECT count(*) FROM strata_history WHERE version = '0002' AND "
                                    + (url.startsWith("sqlite:") ? "success = 0" : "NOT success")))
                    .as(context + ": recorded as failed while it runs")
                    .isEqualTo(1);
            committed = done;
            System.out.println("BackfillCrashIT: " + context + " after " + done + " rows");
        }

        StrataProcess.Finished finish = StrataProcess.run(project, Map.of(), "--url", url, "migrate");

        assertThat(finish.exitCode()).as(finish.output()).isZero();
        assertThat(finish.stderr())
                .contains("recorded as failed part-way through the backfill at line 3; it goes on after key")
                .contains("backfill migrations/0002_count.sql:3 (items): done, "
                        + String.format(java.util.Locale.ROOT, "%,d", rows));
        assertThat(Jdbc.count(url, "SELECT count(*) FROM items WHERE n = 1")).isEqualTo(rows);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM items WHERE n <> 1")).isZero();
        assertThat(Jdbc.count(
                        url,
                        "SELECT count(*) FROM strata_history WHERE version = '0002' AND "
                                + (url.startsWith("sqlite:") ? "success = 1" : "success")))
                .as("the history says applied")
                .isEqualTo(1);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM strata_history_backfill"))
                .isZero();
    }
}
