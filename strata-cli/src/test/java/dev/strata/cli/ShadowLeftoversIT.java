package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs commands that compute through a shadow database while their migrations run there (as a
 * CI timeout does), and checks that the next run cleans up what is provably a dead run's, and
 * leaves alone what a live run still uses.
 */
class ShadowLeftoversIT {

    /**
     * A migration that keeps the shadow busy long enough to be killed in it, in short statements: the
     * server notices a dead client only between statements, and a killed run's session must end soon.
     */
    private static final String SLOW = "SELECT pg_sleep(0.1);\n".repeat(1200);

    @TempDir
    Path root;

    @Test
    void shadowsOfKilledLintPlanAndDriftAreDroppedByTheNextRunButALiveRunsShadowIsKept() throws Exception {
        String url = PostgresServer.newDatabaseUrl();
        Path slow = project("slow", "CREATE TABLE t (id int);\n", SLOW);
        Path fast = project("fast", "CREATE TABLE t (id int);\n");
        Set<String> leftovers = new HashSet<>();
        // drift runs the applied migrations on the shadow: a database where both are recorded as applied.
        String baselined = PostgresServer.newDatabaseUrl();
        StrataProcess.Finished baseline =
                StrataProcess.run(slow, Map.of(), "--url", baselined, "baseline", "--version", "2", "--yes");
        assertThat(baseline.exitCode()).as(baseline.output()).isZero();
        String previous = null;
        for (String command : List.of("lint", "plan", "drift")) {
            StrataProcess.Running running = StrataProcess.startSplit(
                    slow, Map.of(), root.resolve(command), "--url", command.equals("drift") ? baselined : url, command);
            String shadow = awaitNewShadow(running, leftovers);
            if (previous != null) {
                assertThat(shadows())
                        .as("the shadow the killed run before left, dropped when " + command + " made its own")
                        .doesNotContain(previous);
            }
            running.kill();
            leftovers.add(shadow);
            waitUntilNoSessionUses(Set.of(shadow));
            assertThat(shadows()).as("what the killed " + command + " left").contains(shadow);
            previous = shadow;
        }

        StrataProcess.Running live =
                StrataProcess.startSplit(slow, Map.of(), root.resolve("live"), "--url", url, "plan");
        String liveShadow = awaitNewShadow(live, leftovers);
        try {
            StrataProcess.Finished next = StrataProcess.run(fast, Map.of(), "--url", url, "plan");
            assertThat(next.exitCode()).as(next.output()).isZero();

            Set<String> after = shadows();
            assertThat(after).as("the dead runs' shadows are gone").doesNotContainAnyElementsOf(leftovers);
            assertThat(after).as("the live run's shadow is kept").contains(liveShadow);
        } finally {
            live.kill();
        }
    }

    /**
     * A run killed while it used the shadow named by {@code shadow_url} leaves it full. The next run
     * refuses it (it might be a real database) and says what most likely happened and how to clear
     * it; done as it says, the run after that works.
     */
    @Test
    void aShadowUrlLeftFullByAKilledRunGetsAMessageThatSaysHowToClearIt() throws Exception {
        String url = PostgresServer.newDatabaseUrl();
        String shadowUrl = PostgresServer.newDatabaseUrl();
        Path slow = project("slow", "CREATE TABLE t (id int);\n", SLOW);
        Path fast = project("fast", "CREATE TABLE t (id int);\n");
        for (Path project : List.of(slow, fast)) {
            Files.writeString(project.resolve("strata.toml"), "[migrations]\nshadow_url = \"" + shadowUrl + "\"\n");
        }
        StrataProcess.Running running =
                StrataProcess.startSplit(slow, Map.of(), root.resolve("plan"), "--url", url, "plan");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (Jdbc.count(
                        shadowUrl,
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND state = 'active' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()")
                == 0) {
            assertThat(running.alive()).as(running.stderrSoFar()).isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        running.kill();
        waitUntilNoSessionUses(Set.of(shadowUrl.substring(shadowUrl.lastIndexOf('/') + 1)));

        StrataProcess.Finished refused = StrataProcess.run(fast, Map.of(), "--url", url, "plan");
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.stderr())
                .contains("is not empty")
                .contains("killed")
                .contains("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
                .doesNotContain("Exception");
        assertThat(refused.stderr()
                        .lines()
                        .filter(line -> line.startsWith("strata:"))
                        .count())
                .isEqualTo(1);

        Jdbc.execute(shadowUrl, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        StrataProcess.Finished cleared = StrataProcess.run(fast, Map.of(), "--url", url, "plan");
        assertThat(cleared.exitCode()).as(cleared.output()).isZero();
    }

    private Path project(String name, String... migrations) throws Exception {
        Path project = Files.createDirectories(root.resolve(name).resolve("migrations"))
                .getParent();
        for (int i = 0; i < migrations.length; i++) {
            Files.writeString(project.resolve("migrations/000" + (i + 1) + "_step.sql"), migrations[i]);
        }
        return project;
    }

    /** Waits until a shadow database not in {@code known} exists and strata runs its slow migration there. */
    private static String awaitNewShadow(StrataProcess.Running running, Set<String> known) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            for (List<String> row : Jdbc.query(
                    maintenance(),
                    "SELECT datname FROM pg_stat_activity WHERE datname LIKE 'strata\\_shadow\\_%'"
                            + " AND state = 'active' AND query LIKE '%pg_sleep%'")) {
                if (!known.contains(row.get(0))) {
                    return row.get(0);
                }
            }
            assertThat(running.alive())
                    .as("strata ended before it used a shadow: " + running.stderrSoFar()
                            + Files.readString(running.stdout()))
                    .isTrue();
            assertThat(System.nanoTime()).as("no shadow database appeared").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** A killed client's sessions live on until the server notices; only then is the leftover abandoned. */
    private static void waitUntilNoSessionUses(Set<String> databases) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String list = String.join("','", databases);
        while (Jdbc.count(
                        maintenance(),
                        "SELECT count(*) FROM pg_stat_activity" + " WHERE datname IN ('" + list
                                + "') OR application_name = 'strata'")
                > 0) {
            assertThat(System.nanoTime())
                    .as("sessions of killed runs stay on the server")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static String maintenance() {
        return "postgres://postgres@localhost:" + PostgresServer.port() + "/postgres";
    }

    private static Set<String> shadows() {
        Set<String> names = new HashSet<>();
        Jdbc.query(maintenance(), "SELECT datname FROM pg_database WHERE datname LIKE 'strata\\_shadow\\_%'")
                .forEach(row -> names.add(row.get(0)));
        return names;
    }
}
