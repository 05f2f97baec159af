package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata squash} through the command line: --help, --dry-run --json, the squash, status after it. */
class SquashCliTest {

    @TempDir
    Path project;

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    @Test
    void aDryRunShowsTheBaselineThenTheSquashWritesItAndStatusRecognisesTheOldDatabase() throws IOException {
        Path migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                migrations.resolve("0001_users.sql"),
                "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n"
                        + "INSERT INTO users VALUES (1, 'root@example.com');\n");
        Files.writeString(
                migrations.resolve("0002_posts.sql"),
                "CREATE TABLE posts (id INTEGER PRIMARY KEY," + " user_id INTEGER REFERENCES users (id));\n");
        assertThat(strata("migrate").exitCode()).isZero();
        Files.writeString(migrations.resolve("0003_tags.sql"), "CREATE TABLE tags (name TEXT PRIMARY KEY);\n");

        CliRun help = strata("squash", "--help");
        CliRun dryRun = strata("squash", "--to", "0002", "--dry-run", "--json");

        assertThat(help.out()).contains("--to=V", "--dry-run", "strata:squashes", "Examples:");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out())
                .contains("\"baseline\" : \"migrations/0002_posts.sql\"")
                .contains("\"removed\" : [ \"migrations/0001_users.sql\" ]")
                .contains("\"rows\" : 1", "\"later\" : 1", "\"dry_run\" : true")
                .contains("INSERT INTO users (id, email) VALUES (1, 'root@example.com');");
        assertThat(migrations.resolve("0001_users.sql")).exists();

        CliRun squash = strata("squash", "--to", "0002");
        CliRun status = strata("status");
        CliRun migrate = strata("migrate");

        assertThat(squash.exitCode()).as(squash.err()).isZero();
        assertThat(squash.out())
                .contains("migrations/0002_posts.sql is now the baseline of 2 migrations (0001_users to"
                        + " 0002_posts), with 1 row in 1 table.")
                .contains("  remove migrations/0001_users.sql");
        assertThat(migrations.resolve("0001_users.sql")).doesNotExist();
        assertThat(status.out())
                .containsPattern("0001\\s+users\\s+squashed")
                .containsPattern("0002\\s+posts\\s+equivalent")
                .containsPattern("0003\\s+tags\\s+pending");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(strata("validate").exitCode()).isZero();
        CliRun again = strata("squash", "--to", "0003");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(strata("status").out())
                .containsPattern("0001\\s+users\\s+squashed")
                .containsPattern("0002\\s+posts\\s+squashed")
                .containsPattern("0003\\s+tags\\s+equivalent");
    }
}
