package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code strata migrate} and {@code strata down} with SIGKILL at seeded random moments and
 * checks, after every kill, that each migration is wholly applied and recorded or wholly absent,
 * that the schema is exactly what the recorded history implies, and that a plain {@code migrate}
 * finishes the job.
 *
 * <p>The one documented exception is a {@code no-transaction} migration: it may stop part-way, is
 * then recorded as failed, and needs the documented recovery (clean up, {@code strata repair}).
 *
 * <p>Replay a failure with {@code -Dstrata.crash.seed=SEED} (the seed is printed at the start); soak
 * with more kills per engine with {@code -Dstrata.crash.kills=N} (25 in {@code mvn verify}, 100 with
 * {@code -Psoak}; both set in the pom).
 */
class CrashIT {

    private static final long SEED = Long.getLong("strata.crash.seed", new SecureRandom().nextLong());
    private static final int KILLS = Integer.getInteger("strata.crash.kills", 25);
    /** Kills per engine of {@code migrate --single-transaction}: few, since each costs a whole run. */
    private static final int SINGLE_KILLS = Integer.getInteger("strata.crash.singleKills", 4);
    /** The advisory lock that holds {@code 0003_copy} of the server-crash test where the server is killed. */
    private static final long GATE = 4203;
    /** Share of kills at a blind moment (start-up, planning, history creation) rather than after a progress line. */
    private static final int BLIND_PERCENT = 15;

    @TempDir
    Path root;

    /**
     * Both engines at once, each in its own project folder: the loops mostly wait for JVMs to start
     * and die, so two of them share the cores well.
     */
    @Test
    void sigkillDuringMigrateOrDownNeverLeavesAHalfAppliedMigrationOnEitherEngine() throws Exception {
        Path sqlite = Files.createDirectories(root.resolve("sqlite"));
        Path postgres = Files.createDirectories(root.resolve("postgres"));
        int[] databases = {0};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> sqliteLoop = pool.submit(() -> new KillLoop(
                            new CrashWorkload(false),
                            sqlite,
                            () -> "sqlite:" + sqlite.resolve("crash-" + databases[0]++ + ".db"),
                            KILLS,
                            false)
                    .run(SEED));
            Future<?> postgresLoop = pool.submit(
                    () -> new KillLoop(new CrashWorkload(true), postgres, PostgresServer::newDatabaseUrl, KILLS, false)
                            .run(SEED + 1));
            sqliteLoop.get();
            postgresLoop.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // an AssertionError, with the seed and the run in its message
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * {@code migrate --single-transaction} killed at random moments: every migration of the run is
     * applied and recorded, or none is and the schema is the empty one; never a prefix. Then a plain
     * {@code migrate --single-transaction} applies them all. More kills with
     * {@code -Dstrata.crash.singleKills=N}.
     */
    @Test
    void sigkillDuringASingleTransactionMigrateLeavesEveryMigrationOrNone() throws Exception {
        Path sqlite = Files.createDirectories(root.resolve("single-sqlite"));
        Path postgres = Files.createDirectories(root.resolve("single-postgres"));
        int[] databases = {0};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> sqliteLoop = pool.submit(() -> new KillLoop(
                            new CrashWorkload(false, true),
                            sqlite,
                            () -> "sqlite:" + sqlite.resolve("single-" + databases[0]++ + ".db"),
                            SINGLE_KILLS,
                            true)
                    .run(SEED + 2));
            Future<?> postgresLoop = pool.submit(() -> new KillLoop(
                            new CrashWorkload(true, true), postgres, PostgresServer::newDatabaseUrl, SINGLE_KILLS, true)
                    .run(SEED + 3));
            sqliteLoop.get();
            postgresLoop.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The PostgreSQL server dies while {@code migrate} runs a {@code no-transaction} migration: all its
     * processes are SIGKILLed, or its postmaster stops in immediate mode, in the middle of a concurrent index
     * build; then it is started again and runs crash recovery. Strata must end with exit 1 and one
     * message; after recovery the history and the schema must agree; and the documented way on (drop
     * the half-built index, {@code strata repair}, {@code strata migrate}) must finish the job. A third
     * round kills the server inside an ordinary migration, after which a plain {@code migrate} does.
     */
    @Test
    void theServerDyingInTheMiddleOfAMigrationLeavesAHistoryThatMatchesTheSchemaAfterRecovery() throws Exception {
        Path project = Files.createDirectories(root.resolve("server-crash"));
        Path migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                migrations.resolve("0001_big.sql"),
                "CREATE TABLE big (id int, v text);\n"
                        + "INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 120000) g;\n");
        Files.writeString(
                migrations.resolve("0002_indexes.sql"),
                "-- strata:no-transaction\n"
                        + "CREATE INDEX CONCURRENTLY big_v ON big (v);\n"
                        + "CREATE INDEX CONCURRENTLY big_v_id ON big (v, id);\n");
        Files.writeString(
                migrations.resolve("0003_copy.sql"),
                "CREATE TABLE copy AS SELECT * FROM big;\n"
                        + "INSERT INTO copy SELECT * FROM big;\nINSERT INTO copy SELECT * FROM big;\n"
                        + "SELECT pg_advisory_xact_lock(" + GATE + ");\n");
        try (RestartableServer server = new RestartableServer(root.resolve("server-data"))) {
            List<String[]> crashes = List.of(
                    new String[] {"KILL", "CREATE INDEX", "0002_indexes"},
                    new String[] {"QUIT", "CREATE INDEX", "0002_indexes"},
                    new String[] {"KILL", "SELECT pg_advisory_xact_lock", "0003_copy"});
            // Each round restarts the server and starts five JVMs: the default build runs one, chosen by the
            // seed so that every build tries another; -Dstrata.crash.server=all runs the three.
            if (!"all".equals(System.getProperty("strata.crash.server"))) {
                crashes = java.util.Collections.singletonList(crashes.get(Math.floorMod(SEED, crashes.size())));
            }
            int round = 0;
            for (String[] crash : crashes) {
                String url = server.newDatabaseUrl("crash_" + round++);
                String context =
                        (crash[0].equals("KILL") ? "server SIGKILL" : "postmaster SIGQUIT") + " during " + crash[2];
                StrataProcess.Running running;
                // This session holds the lock 0003 ends by taking, so that 0003 waits there, inside its
                // transaction and after its inserts, until the server dies, however fast the machine.
                // Closed once the server is gone, it only lets go of its socket.
                try (Connection gate = Jdbc.connect(url);
                        Statement hold = gate.createStatement()) {
                    hold.execute("SELECT pg_advisory_lock(" + GATE + ")");
                    running = StrataProcess.startSplit(
                            project, Map.of(), root.resolve("server-crash-" + round), "--url", url, "migrate");
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(StrataProcess.TIMEOUT_SECONDS);
                    while (Jdbc.count(
                                    url,
                                    "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'" + " AND query LIKE '"
                                            + crash[1] + "%'")
                            == 0) {
                        assertThat(running.alive())
                                .as(context + ": strata finished first: " + running.stderrSoFar())
                                .isTrue();
                        assertThat(System.nanoTime()).as(context).isLessThan(deadline);
                        Thread.sleep(5);
                    }
                    server.crash(crash[0]);
                }
                StrataProcess.Finished died = running.await();
                assertThat(died.exitCode()).as(context + "\n" + died.output()).isEqualTo(1);
                assertThat(died.stderr().lines().filter(line -> line.startsWith("strata:")))
                        .as(died.output())
                        .hasSize(1);
                assertThat(died.output())
                        .as(context)
                        .contains(crash[2])
                        .contains("the connection to the server was lost")
                        .doesNotContain("\tat ")
                        .doesNotContain("Exception");

                server.restart();
                History history = History.read(url);
                List<String> tables = Jdbc.query(
                                url,
                                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                                        + " AND tablename <> 'strata_history' AND tablename NOT LIKE 'strata\\_history\\_%'"
                                        + " ORDER BY 1")
                        .stream()
                        .map(row -> row.get(0))
                        .toList();
                StrataProcess.Finished migrate;
                if (crash[2].equals("0002_indexes")) {
                    // The row was marked failed before the first statement ran; only the migration's own
                    // indexes may be half there (an invalid index of an interrupted concurrent build).
                    assertThat(history.versions()).as(context).containsExactly("0001", "0002");
                    assertThat(history.failed()).as(context).containsExactly("0002");
                    assertThat(tables).as(context).containsExactly("big");
                    assertThat(Jdbc.count(url, "SELECT count(*) FROM big")).isEqualTo(120_000);
                    migrate = StrataProcess.run(project, Map.of(), "--url", url, "migrate");
                    assertThat(migrate.exitCode())
                            .as(context + "\n" + migrate.output())
                            .isEqualTo(1);
                    assertThat(migrate.stderr()).as(context).contains("0002").contains("strata repair");
                    Jdbc.execute(url, "DROP INDEX IF EXISTS big_v; DROP INDEX IF EXISTS big_v_id;");
                    StrataProcess.Finished repair = StrataProcess.run(project, Map.of(), "--url", url, "repair");
                    assertThat(repair.exitCode())
                            .as(context + "\n" + repair.output())
                            .isZero();
                } else {
                    // An ordinary migration is one transaction: crash recovery leaves no trace of it.
                    assertThat(history.versions()).as(context).containsExactly("0001", "0002");
                    assertThat(history.failed()).as(context).isEmpty();
                    assertThat(tables).as(context).containsExactly("big");
                }
                migrate = StrataProcess.run(project, Map.of(), "--url", url, "migrate");
                assertThat(migrate.exitCode())
                        .as(context + "\n" + migrate.output())
                        .isZero();
                History finished = History.read(url);
                assertThat(finished.versions()).as(context).containsExactly("0001", "0002", "0003");
                assertThat(finished.failed()).as(context).isEmpty();
                assertThat(Jdbc.count(
                                url,
                                "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                                        + " WHERE c.relname IN ('big_v', 'big_v_id') AND i.indisvalid"))
                        .as(context)
                        .isEqualTo(2);
                assertThat(Jdbc.count(url, "SELECT count(*) FROM copy"))
                        .as(context)
                        .isEqualTo(360_000);
                System.out.println("CrashIT server: " + context + ": strata said: "
                        + died.stderr().strip());
            }
        }
    }

    private static final class KillLoop {

        private final CrashWorkload workload;
        private final Path project;
        private final java.util.function.Supplier<String> freshDatabase;
        private final int killsWanted;
        /** Every run is {@code migrate --single-transaction}: no downs, and all or nothing after a kill. */
        private final boolean single;

        private List<List<String>> references;

        KillLoop(
                CrashWorkload workload,
                Path project,
                java.util.function.Supplier<String> freshDatabase,
                int killsWanted,
                boolean single) {
            this.workload = workload;
            this.project = project;
            this.freshDatabase = freshDatabase;
            this.killsWanted = killsWanted;
            this.single = single;
        }

        private List<String> migrate() {
            return single ? List.of("migrate", "--single-transaction") : List.of("migrate");
        }

        Void run(long seed) throws Exception {
            String engine = (workload.postgres() ? "PostgreSQL" : "SQLite") + (single ? " single-transaction" : "");
            long replay = seed - (workload.postgres() ? 1 : 0) - (single ? 2 : 0);
            System.out.println("CrashIT " + engine + ": seed " + seed + ", " + killsWanted
                    + " kills (replay with -Dstrata.crash.seed=" + replay + ")");
            workload.write(project.resolve("migrations"));
            references = workload.referenceSnapshots(project, freshDatabase.get());
            Random random = new Random(seed);
            String url = null;
            int kills = 0;
            int attempt = 0;
            while (kills < killsWanted) {
                attempt++;
                assertThat(attempt)
                        .as("too many runs ended before they could be killed")
                        .isLessThan(killsWanted * 4);
                boolean killDown = !single && url != null && kills % 2 == 1;
                if (!killDown) {
                    url = freshDatabase.get();
                }
                List<String> args = new ArrayList<>(List.of("--url", url));
                List<String> markers = new ArrayList<>();
                if (killDown) {
                    int steps =
                            random.nextInt(4) == 0 ? 1 + random.nextInt(workload.steps.size()) : workload.steps.size();
                    args.addAll(
                            steps == workload.steps.size()
                                    ? List.of("down", "--all")
                                    : List.of("down", "--steps", String.valueOf(steps)));
                    for (int i = 0; i < steps; i++) {
                        markers.add("Reverting "
                                + workload.steps
                                        .get(workload.steps.size() - 1 - i)
                                        .label() + " ");
                    }
                } else {
                    args.addAll(migrate());
                    workload.steps.forEach(step -> markers.add("Applying " + step.label() + " "));
                }
                String context = engine + " seed " + seed + " run " + attempt + " ("
                        + String.join(" ", args.subList(2, args.size())) + ")";
                StrataProcess.Running running = StrataProcess.startSplit(
                        project, Map.of(), project.resolve("run-" + attempt), args.toArray(String[]::new));
                String moment = killAtRandomMoment(running, random, markers);
                if (moment != null) {
                    kills++;
                }
                context += ", killed " + (moment == null ? "never: it finished first" : moment) + "\nits stderr:\n"
                        + running.stderrSoFar();
                waitUntilTheServerForgetsKilledSessions(url);
                History history = checkConsistent(url, context);
                finish(url, history, context);
            }
            System.out.println("CrashIT " + engine + ": " + kills + " kills in " + attempt + " runs, all consistent");
            return null;
        }

        /** @return where it was killed, or null when the process had already finished */
        private String killAtRandomMoment(StrataProcess.Running running, Random random, List<String> markers)
                throws Exception {
            String moment;
            if (random.nextInt(100) < BLIND_PERCENT) {
                int delay = random.nextInt(1500);
                moment = delay + " ms after start";
                running.process().waitFor(delay, TimeUnit.MILLISECONDS);
            } else {
                String marker = markers.get(random.nextInt(markers.size()));
                // Down scripts are quicker than migrations: a shorter delay still lands inside one.
                int delay = random.nextInt(markers.get(0).startsWith("Reverting") ? 25 : 80);
                moment = delay + " ms after '" + marker.strip() + "'";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(StrataProcess.TIMEOUT_SECONDS);
                while (running.alive() && !running.stderrSoFar().contains(marker)) {
                    assertThat(System.nanoTime())
                            .as("no progress line '" + marker + "'")
                            .isLessThan(deadline);
                    Thread.sleep(2);
                }
                running.process().waitFor(delay, TimeUnit.MILLISECONDS);
            }
            if (!running.alive()) {
                return null;
            }
            running.kill();
            return moment;
        }

        /** A killed client's PostgreSQL backend lives until it notices; only then is its fate (commit or not) final. */
        private void waitUntilTheServerForgetsKilledSessions(String url) throws InterruptedException {
            if (!workload.postgres()) {
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(StrataProcess.TIMEOUT_SECONDS);
            while (Jdbc.count(
                            url,
                            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                                    + " AND pid <> pg_backend_pid()")
                    > 0) {
                assertThat(System.nanoTime())
                        .as("a killed session stays on the server")
                        .isLessThan(deadline);
                Thread.sleep(10);
            }
        }

        /** The history is a prefix of the migrations, and the schema is exactly what that prefix implies. */
        private History checkConsistent(String url, String context) {
            History history = History.read(url);
            if (single) {
                // All or nothing: no prefix in between, nothing recorded as failed.
                assertThat(history.versions().size())
                        .as(context + "\nhistory: " + history.versions())
                        .isIn(0, workload.steps.size());
                assertThat(history.failed()).as(context).isEmpty();
            }
            List<String> expectedVersions = workload.steps.stream()
                    .limit(history.versions().size())
                    .map(CrashWorkload.Step::version)
                    .toList();
            assertThat(history.versions()).as(context).isEqualTo(expectedVersions);
            List<String> actual = DatabaseSnapshot.userSchema(url);
            if (history.failed().isEmpty()) {
                assertThat(actual)
                        .as(context)
                        .isEqualTo(references.get(history.versions().size()));
            } else {
                // Only the no-transaction migration may fail part-way: everything before it is whole, and
                // what it made itself is the one thing allowed to be half there.
                assertThat(history.failed()).as(context).containsExactly(workload.noTransactionVersion);
                List<String> before = references.get(history.versions().size() - 1);
                assertThat(DatabaseSnapshot.without(actual, workload.noTransactionObjects))
                        .as(context)
                        .isEqualTo(DatabaseSnapshot.without(before, workload.noTransactionObjects));
            }
            return history;
        }

        /** A plain migrate finishes the job; after a failed no-transaction migration, the documented recovery first. */
        private void finish(String url, History history, String context) throws Exception {
            List<String> args = new ArrayList<>(List.of("--url", url));
            args.addAll(migrate());
            StrataProcess.Finished migrate = StrataProcess.run(project, Map.of(), args.toArray(String[]::new));
            if (!history.failed().isEmpty()) {
                assertThat(migrate.exitCode())
                        .as(context + "\n" + migrate.output())
                        .isEqualTo(1);
                assertThat(migrate.stderr()).as(context).contains("failed").contains("strata repair");
                workload.cleanUpFailedNoTransaction(url);
                StrataProcess.Finished repair = StrataProcess.run(project, Map.of(), "--url", url, "repair");
                assertThat(repair.exitCode())
                        .as(context + "\n" + repair.output())
                        .isZero();
                migrate = StrataProcess.run(project, Map.of(), "--url", url, "migrate");
            }
            assertThat(migrate.exitCode()).as(context + "\n" + migrate.output()).isZero();
            assertThat(migrate.output()).as(context).doesNotContain("\tat ").doesNotContain("Exception");
            History finished = History.read(url);
            assertThat(finished.failed()).as(context).isEmpty();
            assertThat(finished.versions()).as(context).hasSize(workload.steps.size());
            assertThat(DatabaseSnapshot.userSchema(url)).as(context).isEqualTo(references.get(workload.steps.size()));
        }
    }

    /** The versions in strata's history, in order, and which of them are recorded as failed. */
    private record History(List<String> versions, List<String> failed) {

        static History read(String url) {
            String exists = url.startsWith("sqlite:")
                    ? "SELECT COUNT(*) FROM sqlite_master WHERE name = 'strata_history'"
                    : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'strata_history'";
            List<String> versions = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            if (Jdbc.count(url, exists) > 0) {
                for (List<String> row :
                        Jdbc.query(url, "SELECT version, success FROM strata_history ORDER BY version")) {
                    versions.add(row.get(0));
                    if (!List.of("1", "t", "true").contains(row.get(1))) {
                        failed.add(row.get(0));
                    }
                }
            }
            return new History(versions, failed);
        }
    }
}
