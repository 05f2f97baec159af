package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.dialect.d1.D1TestEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * D1's Time Travel through strata, against the test endpoint (the real wrangler dev; its bookmark
 * routes keep a snapshot per bookmark in another D1 database of the Worker): backup =
 * "before-migrate" prints the bookmark and records it in strata_bookmarks, and restore --bookmark
 * brings the schema back as it was, after asking, and prints the bookmark that undoes it.
 */
class D1TimeTravelTest {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("prod-db");

    private static final Pattern BOOKMARK = Pattern.compile("Time Travel bookmark of d1:DB before migrating: (\\S+)");
    private static final Pattern UNDO = Pattern.compile("To undo this restore: strata restore --bookmark (\\S+)");

    @TempDir
    Path project;

    @BeforeEach
    void project() throws IOException {
        Files.writeString(
                project.resolve("wrangler.toml"),
                "name = \"app\"\n\n[[d1_databases]]\nbinding = \"DB\"\n"
                        + "database_name = \"prod-db\"\ndatabase_id = \""
                        + D1.database("prod-db").id() + "\"\n");
        Files.writeString(project.resolve("strata.toml"), """
                [environments.prod]
                url = "d1:DB"
                backup = "before-migrate"
                """);
        Files.createDirectories(project.resolve("migrations"));
        migration(
                "0001_users.sql",
                "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
                        + "INSERT INTO users (id, name) VALUES (1, 'ada');\n");
    }

    private void migration(String name, String sql) throws IOException {
        Files.writeString(project.resolve("migrations").resolve(name), sql);
    }

    private CliRun strata(String... args) {
        return strata(Optional.empty(), args);
    }

    private CliRun strata(Optional<Terminal> terminal, String... args) {
        CliRun run = CliRun.run(terminal, project, D1.environment(), args);
        assertThat(run.all()).doesNotContain(D1.apiToken());
        return run;
    }

    private static String found(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    @Test
    void migrateRecordsTheBookmarkAndRestoringItBringsTheSchemaBack() throws Exception {
        CliRun first = strata("--env", "prod", "migrate");
        assertThat(first.exitCode()).as(first.all()).isZero();
        String beforeFirst = found(BOOKMARK, first.err());
        String schemaBefore = strata("--env", "prod", "dump").out();

        migration(
                "0002_orders.sql",
                "ALTER TABLE users ADD COLUMN email TEXT;\n"
                        + "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id));\n"
                        + "CREATE INDEX orders_user ON orders (user_id);\n");
        CliRun second = strata("--env", "prod", "migrate", "--json");
        assertThat(second.exitCode()).as(second.all()).isZero();
        String beforeSecond = found(BOOKMARK, second.err());
        assertThat(new ObjectMapper().readTree(second.out()).path("bookmark").asText())
                .as("migrate --json names the bookmark too")
                .isEqualTo(beforeSecond);
        assertThat(second.err()).contains("undo this run with: strata restore --bookmark " + beforeSecond);
        assertThat(beforeSecond).as("bookmarks sort oldest to newest").isGreaterThan(beforeFirst);
        assertThat(column("SELECT bookmark FROM strata_bookmarks ORDER BY bookmark"))
                .containsExactly(beforeFirst, beforeSecond);
        assertThat(strata("--env", "prod", "dump").out())
                .as("the record is not user schema")
                .doesNotContain("strata_bookmarks")
                .contains("orders_user");

        CliRun restore = strata("--env", "prod", "restore", "--bookmark", beforeSecond, "--yes");

        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(restore.err()).contains("undoes every write made after it");
        assertThat(restore.out()).contains("Restored d1:DB to bookmark " + beforeSecond + ".");
        assertThat(strata("--env", "prod", "dump").out()).isEqualTo(schemaBefore);
        assertThat(strata("--env", "prod", "status").out()).containsPattern("0002 +orders +pending");
        assertThat(column("SELECT name FROM users")).containsExactly("ada");
        assertThat(column("SELECT bookmark FROM strata_bookmarks"))
                .as("written after the bookmark, so undone too")
                .containsExactly(beforeFirst);

        String undo = found(UNDO, restore.out());
        CliRun undone = strata("--env", "prod", "restore", "--bookmark", undo, "--yes");
        assertThat(undone.exitCode()).as(undone.all()).isZero();
        assertThat(strata("--env", "prod", "status").out()).containsPattern("0002 +orders +applied");
        assertThat(strata("--env", "prod", "dump").out()).contains("orders_user");
    }

    @Test
    void restoreAsksFirstAndChangesNothingWithoutAYes() throws Exception {
        assertThat(strata("--env", "prod", "migrate").exitCode()).isZero();
        migration("0002_more.sql", "CREATE TABLE more (id INTEGER PRIMARY KEY);\n");
        String bookmark = found(BOOKMARK, strata("--env", "prod", "migrate").err());

        CliRun noTerminal = strata("--env", "prod", "restore", "--bookmark", bookmark);
        assertThat(noTerminal.exitCode()).isEqualTo(2);
        assertThat(noTerminal.err()).contains("there is no terminal to ask on; nothing was changed. Pass --yes");

        CliRun declined = strata(Optional.of(prompt -> "n"), "--env", "prod", "restore", "--bookmark", bookmark);
        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(declined.err()).contains("Nothing was restored.");
        assertThat(strata("--env", "prod", "status").out()).containsPattern("0002 +more +applied");

        CliRun unknown = strata("--env", "prod", "restore", "--bookmark", "00000000-00000000-00000000-0", "--yes");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err())
                .contains("D1 refused to restore d1:DB to bookmark 00000000-00000000-00000000-0")
                .contains("nothing was changed");

        CliRun accepted = strata(Optional.of(prompt -> "yes"), "--env", "prod", "restore", "--bookmark", bookmark);
        assertThat(accepted.exitCode()).as(accepted.all()).isZero();
        assertThat(strata("--env", "prod", "status").out()).containsPattern("0002 +more +pending");
    }

    @Test
    void aBookmarkOnAFileDatabaseIsRefusedWithTheAlternative() {
        CliRun run = strata("--url", "sqlite:app.db", "restore", "--bookmark", "x", "--yes");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("has none. Restore a backup file instead: strata restore FILE");
    }

    /** The first column of a query's rows on the remote database, through the documented raw route. */
    private static List<String> column(String sql) throws IOException, InterruptedException {
        String body = new ObjectMapper().createObjectNode().put("sql", sql).toString();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(D1.databaseUri("prod-db") + "/raw"))
                                .header("Authorization", "Bearer " + D1.apiToken())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode rows = new ObjectMapper()
                .readTree(response.body())
                .path("result")
                .path(0)
                .path("results")
                .path("rows");
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.path(0).asText()));
        return values;
    }
}
