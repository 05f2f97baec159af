package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.testing.Jdbc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command killed with SIGKILL in the middle of a fleet: the summary it leaves is whole
 * JSON (written by rename), names the targets that finished as ok and every other as not run, and
 * {@code --retry-failed} then runs exactly those and completes the fleet.
 */
class FleetIT {

    private static final int TARGETS = 40;

    @TempDir
    Path project;

    @Test
    void aKilledFleetIsCompletedByRetryFailed() throws Exception {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY);");
        Files.writeString(project.resolve("migrations/0002_orders.sql"), "CREATE TABLE orders (id INTEGER);");
        Files.createDirectories(project.resolve("tenants"));
        for (int i = 0; i < TARGETS; i++) {
            Files.createFile(project.resolve("tenants/t%02d.db".formatted(i)));
        }
        Files.writeString(project.resolve("fleet.toml"), "[[target]]\nsqlite = \"tenants/*.db\"\n");
        Path summary = project.resolve("strata-fleet-last.json");

        StrataProcess.Running running = StrataProcess.startSplit(
                project,
                StrataProcess.env(),
                project.resolve("killed"),
                "migrate",
                "--fleet",
                "fleet.toml",
                "--parallel",
                "1");
        // Killed once a few targets have finished: the run is then mid-fleet.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(StrataProcess.TIMEOUT_SECONDS);
        while (finishedLines(running.stderrSoFar()) < 3 && running.alive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(running.alive())
                .as("still running after 3 targets: " + running.stderrSoFar())
                .isTrue();
        running.kill();

        JsonNode killed = new ObjectMapper().readTree(summary.toFile());
        int ok = killed.get("counts").get("ok").asInt();
        assertThat(ok).isBetween(3, TARGETS - 1);
        assertThat(killed.get("counts").get("not_run").asInt()).isEqualTo(TARGETS - ok);

        StrataProcess.Finished retry = StrataProcess.run(
                project, StrataProcess.env(), "migrate", "--fleet", "fleet.toml", "--retry-failed", "--json");

        assertThat(retry.exitCode()).as(retry.output()).isZero();
        JsonNode done = new ObjectMapper().readTree(retry.stdout());
        assertThat(done.get("ran").asInt()).isEqualTo(TARGETS - ok);
        assertThat(done.get("counts").get("ok").asInt()).isEqualTo(TARGETS);
        for (int i = 0; i < TARGETS; i++) {
            assertThat(Jdbc.count(
                            "sqlite:" + project.resolve("tenants/t%02d.db".formatted(i)),
                            "SELECT count(*) FROM strata_history"))
                    .isEqualTo(2);
        }
    }

    private static long finishedLines(String stderr) {
        return stderr.lines().filter(line -> line.startsWith("ok ")).count();
    }
}
