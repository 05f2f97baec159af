package dev.strata.dialect.d1;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The real wrangler CLI in remote mode, pointed at the D1 test endpoint by the variables wrangler
 * reads (CLOUDFLARE_API_BASE_URL, CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID): the requests it
 * makes for remote migrations and exports are served, so wrangler and strata can be compared on
 * one endpoint.
 */
@Tag("full") // left out of the quick loop (-Dquick); see the root pom
class WranglerRemoteD1Test {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("app-db");

    @TempDir
    Path project;

    record Run(int exitCode, String output) {}

    private Run wrangler(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(D1.wrangler().toString());
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
        byte[] output = process.getInputStream().readAllBytes();
        // A bound so a hung wrangler fails the build instead of stalling it; no assertion on time.
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrangler " + String.join(" ", args) + " did not finish");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private void write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void writeWranglerConfig() throws IOException {
        write("wrangler.toml", """
                name = "app"
                compatibility_date = "2025-01-01"

                [[d1_databases]]
                binding = "DB"
                database_name = "app-db"
                database_id = "%s"
                """.formatted(D1.database("app-db").id()));
    }

    @Test
    void wranglerAppliesAndListsRemoteMigrationsOnTheEndpoint() throws Exception {
        writeWranglerConfig();
        write("migrations/0001_create_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n");
        write(
                "migrations/0002_create_posts.sql",
                "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);\n"
                        + "CREATE INDEX posts_user ON posts (user_id);\n");

        Run pending = wrangler("d1", "migrations", "list", "DB", "--remote");
        assertThat(pending.exitCode()).as(pending.output()).isZero();
        assertThat(pending.output()).contains("0001_create_users.sql", "0002_create_posts.sql");
        // wrangler's list: CREATE TABLE IF NOT EXISTS d1_migrations, then SELECT * FROM d1_migrations
        assertThat(D1.requestCounts().routes()).containsExactlyEntriesOf(java.util.Map.of("POST query", 2));

        D1.clearRequestCounts();
        Run applied = wrangler("d1", "migrations", "apply", "DB", "--remote");
        assertThat(applied.exitCode()).as(applied.output()).isZero();
        // the same two, then one request per migration: its file and its d1_migrations row as one sql
        assertThat(D1.requestCounts().total()).isEqualTo(2 + 2);

        Run listed = wrangler("d1", "migrations", "list", "DB", "--remote");
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.output()).contains("No migrations to apply");

        // A failing migration: wrangler sends it as one sql, which the endpoint runs as one batch.
        write(
                "migrations/0003_broken.sql",
                "CREATE TABLE tags (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n");
        Run failed = wrangler("d1", "migrations", "apply", "DB", "--remote");
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.output()).contains("no such table: no_such_table");
        Run export = wrangler("d1", "export", "DB", "--remote", "--output", "backup.sql");
        assertThat(export.exitCode()).as(export.output()).isZero();
        String backup = Files.readString(project.resolve("backup.sql"));
        assertThat(backup)
                .contains("CREATE TABLE posts", "INSERT INTO \"d1_migrations\"", "0002_create_posts.sql")
                .doesNotContain("tags", "0003_broken.sql");
    }

    @Test
    void wranglerTimeTravelRestoresABookmarkOfTheEndpoint() throws Exception {
        writeWranglerConfig();
        Run created =
                wrangler("d1", "execute", "DB", "--remote", "--command", "CREATE TABLE kept (id INTEGER PRIMARY KEY)");
        assertThat(created.exitCode()).as(created.output()).isZero();
        Run info = wrangler("d1", "time-travel", "info", "DB", "--json");
        assertThat(info.exitCode()).as(info.output()).isZero();
        String bookmark = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(info.output().substring(info.output().indexOf('{')))
                .path("bookmark")
                .asText();
        assertThat(bookmark).isNotEmpty();

        Run later =
                wrangler("d1", "execute", "DB", "--remote", "--command", "CREATE TABLE later (id INTEGER PRIMARY KEY)");
        assertThat(later.exitCode()).as(later.output()).isZero();
        Run restored = wrangler("d1", "time-travel", "restore", "DB", "--bookmark", bookmark);
        assertThat(restored.exitCode()).as(restored.output()).isZero();
        assertThat(restored.output()).contains("restored back to bookmark", "restore to the previous bookmark");

        Run tables = wrangler(
                "d1",
                "execute",
                "DB",
                "--remote",
                "--json",
                "--command",
                "SELECT name FROM sqlite_master WHERE name IN ('kept', 'later')");
        assertThat(tables.exitCode()).as(tables.output()).isZero();
        assertThat(tables.output()).contains("\"kept\"").doesNotContain("\"later\"");
    }
}
