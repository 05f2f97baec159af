package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.dialect.d1.D1TestEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004's plan (cutty-dev, cutty-staging, cutty-prod) from nothing but the wrangler config and a
 * strata.toml that only adds settings: each D1 database of wrangler.toml is an environment, served
 * by the test endpoint (the real wrangler dev on real local D1), and the local copy is the one the
 * real wrangler made.
 */
class D1WranglerEnvironmentsTest {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("cutty-dev", "cutty-staging", "cutty-prod");

    @TempDir
    Path project;

    private void project() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), """
                name = "cutty"

                [[d1_databases]]
                binding = "DB"
                database_name = "cutty-dev"
                database_id = "%s"

                [env.staging]
                [[env.staging.d1_databases]]
                binding = "DB"
                database_name = "cutty-staging"
                database_id = "%s"

                [env.prod]
                [[env.prod.d1_databases]]
                binding = "DB"
                database_name = "cutty-prod"
                database_id = "%s"
                """.formatted(
                        D1.database("cutty-dev").id(),
                        D1.database("cutty-staging").id(),
                        D1.database("cutty-prod").id()));
        Files.writeString(project.resolve("strata.toml"), """
                [environments.prod]
                requires = "staging"
                confirm = true
                backup = "before-migrate"
                """);
        Path dir = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                dir.resolve("0001_files.sql"), "CREATE TABLE files (id INTEGER PRIMARY KEY, key TEXT NOT NULL);\n");
        Files.writeString(
                dir.resolve("0002_metrics.sql"),
                "CREATE TABLE storage_metrics (day TEXT PRIMARY KEY, bytes INTEGER);\n");
    }

    private CliRun strata(String... args) {
        CliRun run = CliRun.run(project, D1.environment(), args);
        assertThat(run.all()).doesNotContain(D1.apiToken());
        return run;
    }

    /** The local copy, made the way wrangler makes it: the real wrangler, in local mode. */
    private void wranglerLocalCopy() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        D1.wrangler().toString(), "d1", "execute", "DB", "--local", "--command", "SELECT 1")
                .directory(project.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CI", "true");
        builder.environment().put("WRANGLER_SEND_METRICS", "false");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    @Tag("full") // the real wrangler CLI makes the local copy: Node.js and workerd start for it
    void devStagingAndProdComeFromTheWranglerConfigWithPromotionAndConfirmation() throws Exception {
        project();
        wranglerLocalCopy();

        assertThat(strata("--env", "remote", "migrate").exitCode()).isZero();
        CliRun early = strata("--env", "prod", "migrate", "--yes");
        assertThat(early.exitCode()).as(early.all()).isEqualTo(1);
        assertThat(early.err()).contains("staging").contains("0001");
        CliRun unconfirmed = strata("--env", "staging", "migrate", "--target", "0001");
        assertThat(unconfirmed.exitCode()).as(unconfirmed.all()).isZero();
        CliRun noTerminal = strata("--env", "prod", "migrate", "--target", "0001");
        assertThat(noTerminal.exitCode()).as(noTerminal.all()).isEqualTo(2);
        assertThat(noTerminal.err()).contains("confirm = true, and there is no terminal");

        CliRun prod = strata("--env", "prod", "migrate", "--target", "0001", "--yes");

        assertThat(prod.exitCode()).as(prod.all()).isZero();
        assertThat(prod.err()).contains("Time Travel bookmark of d1:DB?env=prod before migrating: ");
        assertThat(prod.out()).contains("Applied 1 migration to D1 database d1:DB?env=prod");
        CliRun partly = strata("status", "--all-envs");
        assertThat(partly.out())
                .containsPattern("0001 +files +applied +applied +applied +pending")
                .containsPattern("0002 +metrics +applied +pending +pending +pending");

        // The README's three commands.
        assertThat(strata("--env", "staging", "migrate").exitCode()).isZero();
        assertThat(strata("--env", "prod", "migrate", "--yes").exitCode()).isZero();
        CliRun status = strata("status", "--all-envs");

        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out())
                .containsPattern("remote +D1 database d1:DB")
                .containsPattern("staging +D1 database d1:DB\\?env=staging")
                .containsPattern("prod +D1 database d1:DB\\?env=prod")
                .containsPattern("local +SQLite database d1-local:DB")
                .containsPattern("VERSION +NAME +remote +staging +prod +local")
                .containsPattern("0001 +files +applied +applied +applied +pending")
                .containsPattern("0002 +metrics +applied +applied +applied +pending");
    }
}
