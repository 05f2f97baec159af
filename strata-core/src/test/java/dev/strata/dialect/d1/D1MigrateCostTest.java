package dev.strata.dialect.d1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What applying 100 small migrations to a fresh remote D1 database costs, strata against the real
 * {@code wrangler d1 migrations apply --remote}, both on the test endpoint: requests counted by the
 * endpoint (asserted), wall time printed (not asserted: the machine is shared).
 */
@Tag("full") // left out of the quick loop (-Dquick); see the root pom
class D1MigrateCostTest {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("strata-db", "wrangler-db");

    private static final int MIGRATIONS = 100;

    @TempDir
    Path strataProject;

    @TempDir
    Path wranglerProject;

    private static void project(Path dir, String database) throws IOException {
        Files.writeString(
                dir.resolve("wrangler.toml"),
                "name = \"app\"\ncompatibility_date = \"2025-01-01\"\n\n"
                        + "[[d1_databases]]\nbinding = \"DB\"\ndatabase_name = \"" + database + "\"\ndatabase_id = \""
                        + D1.database(database).id() + "\"\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(
                migrations.resolve("0001_items.sql"), "CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER);\n");
        for (int i = 2; i <= MIGRATIONS; i++) {
            Files.writeString(
                    migrations.resolve(String.format("%04d_item.sql", i)),
                    "INSERT INTO items (id, n) VALUES (" + i + ", " + i + ");\n");
        }
    }

    @Test
    void strataNeedsOneRequestPerMigrationPlusAConstantFew() throws Exception {
        project(strataProject, "strata-db");
        project(wranglerProject, "wrangler-db");

        D1.clearRequestCounts();
        long started = System.nanoTime();
        Strata.configure()
                .projectDir(strataProject)
                .url("d1:DB")
                .environmentVariables(D1.environment())
                .load()
                .migrate();
        long strataMs = (System.nanoTime() - started) / 1_000_000;
        int strataRequests = D1.requestCounts().total();

        D1.clearRequestCounts();
        started = System.nanoTime();
        wrangler(wranglerProject, "d1", "migrations", "apply", "DB", "--remote");
        long wranglerMs = (System.nanoTime() - started) / 1_000_000;
        int wranglerRequests = D1.requestCounts().total();

        System.out.printf(
                "%d migrations on a fresh remote D1 (test endpoint): strata %d requests in %d ms,"
                        + " wrangler %d requests in %d ms%n",
                MIGRATIONS, strataRequests, strataMs, wranglerRequests, wranglerMs);
        assertThat(strataRequests).isEqualTo(MIGRATIONS + 3);
        assertThat(wranglerRequests).isGreaterThanOrEqualTo(MIGRATIONS);
    }

    private static void wrangler(Path project, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of("src", "test", "wrangler", "node_modules", ".bin", "wrangler")
                .toAbsolutePath()
                .toString());
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().putAll(D1.environment());
        builder.environment().put("CI", "true");
        builder.environment().put("WRANGLER_SEND_METRICS", "false");
        builder.environment().put("NO_COLOR", "1");
        builder.environment()
                .put("WRANGLER_LOG_PATH", project.resolve(".wrangler-logs").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // A bound so a hung wrangler fails the build instead of stalling it; no assertion on time.
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
