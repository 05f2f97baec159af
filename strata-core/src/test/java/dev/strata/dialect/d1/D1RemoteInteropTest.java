package dev.strata.dialect.d1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.dialect.DatabaseException;
import dev.strata.engine.MigrationState;
import dev.strata.engine.MigrationStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * strata and the real wrangler on one remote D1 database (the test endpoint): with {@code history =
 * "d1"} they read the same ledger, a remote database's schema is read through the SQLite reader, and
 * the API's errors become messages that say what to do.
 */
class D1RemoteInteropTest {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("app-db");

    @TempDir
    Path project;

    private void write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void wranglerProject() throws IOException {
        write("wrangler.toml", """
                name = "app"
                compatibility_date = "2025-01-01"

                [[d1_databases]]
                binding = "DB"
                database_name = "app-db"
                database_id = "%s"
                """.formatted(D1.database("app-db").id()));
        write("strata.toml", "[migrations]\nhistory = \"d1\"\n");
        write(
                "migrations/0001_create_users.sql",
                "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n");
        write(
                "migrations/0002_create_posts.sql",
                "CREATE TABLE posts (id INTEGER PRIMARY KEY,"
                        + " user_id INTEGER REFERENCES users (id));\nCREATE INDEX posts_user ON posts (user_id);\n");
    }

    private Strata strata(Map<String, String> env) {
        return Strata.configure()
                .projectDir(project)
                .url("d1:DB")
                .environmentVariables(env)
                .load();
    }

    private String wrangler(String... args) throws IOException, InterruptedException {
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
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    @Tag("full")
    void wranglerSeesWhatStrataAppliedAndStrataAdoptsWhatWranglerApplied() throws Exception {
        wranglerProject();
        String applied = wrangler("d1", "migrations", "apply", "DB", "--remote");
        assertThat(applied).contains("0001_create_users.sql", "0002_create_posts.sql");

        assertThat(strata(D1.environment()).status().migrations())
                .extracting(MigrationStatus::state)
                .containsOnly(MigrationState.ADOPTABLE);
        assertThat(strata(D1.environment())
                        .adopt(java.util.Optional.empty(), false)
                        .adopted())
                .hasSize(2);

        write("migrations/0003_add_bio.sql", "ALTER TABLE users ADD COLUMN bio TEXT;\n");
        assertThat(strata(D1.environment()).migrate().applied()).hasSize(1);

        assertThat(wrangler("d1", "migrations", "list", "DB", "--remote")).contains("No migrations to apply");
        assertThat(strata(D1.environment()).status().migrations())
                .extracting(MigrationStatus::state)
                .containsOnly(MigrationState.APPLIED);
    }

    @Test
    void theRemoteSchemaIsReadThroughTheSqliteReaderWithoutStrataOrD1Tables() throws Exception {
        wranglerProject();
        Strata strata = strata(D1.environment());
        strata.migrate();

        var dump = strata.dump(false);

        assertThat(dump.schema().tables())
                .extracting(table -> table.name().name())
                .containsExactly("posts", "users");
        assertThat(dump.schema().tables().get(0).foreignKeys()).hasSize(1);
        assertThat(dump.schema().indexes())
                .extracting(index -> index.name().name())
                .containsExactly("posts_user");
        assertThat(dump.sql()).contains("CREATE TABLE posts").doesNotContain("_cf_", "strata_history", "d1_migrations");
        assertThat(strata.drift().differences()).isEmpty();
        assertThat(strata.check().problems()).isEmpty();
    }

    @Test
    void backupWritesD1sExportAndChecksItInAThrowawaySqlite() throws Exception {
        wranglerProject();
        Strata strata = strata(D1.environment());
        strata.migrate();

        var backup = strata.backup(java.util.Optional.empty());

        String sql = Files.readString(backup.file());
        assertThat(backup.file().getFileName().toString()).endsWith(".sql");
        assertThat(sql).contains("CREATE TABLE users", "CREATE INDEX posts_user", "0002_create_posts");
        Path damaged = project.resolve("damaged.sql");
        Files.writeString(damaged, sql.substring(0, sql.indexOf("CREATE TABLE posts") + 20));
        assertThatThrownBy(() -> D1Dialect.INSTANCE.backupTool().verify(damaged, Map.of()))
                .isInstanceOf(dev.strata.backup.BackupException.class)
                .hasMessageContaining("damaged.sql");
    }

    @Test
    void theApisRefusalsSayWhatToDo() throws Exception {
        wranglerProject();
        Map<String, String> wrong = new HashMap<>(D1.environment());
        wrong.put("CLOUDFLARE_API_TOKEN", "not-the-token");
        assertThatThrownBy(() -> strata(wrong).status())
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("Cloudflare refused the API token for d1:DB (error 10000: Authentication error)")
                .hasMessageContaining("Account > D1 > Edit permission on account " + D1.accountId())
                .hasMessageNotContaining("not-the-token");

        write(
                "wrangler.toml",
                Files.readString(project.resolve("wrangler.toml"))
                        .replace(D1.database("app-db").id(), "00000000-0000-0000-0000-00000000dead"));
        assertThatThrownBy(() -> strata(D1.environment()).status())
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("Cloudflare has no D1 database 00000000-0000-0000-0000-00000000dead in account")
                .hasMessageContaining("'wrangler d1 list'");
    }
}
