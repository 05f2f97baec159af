package dev.strata.dialect.d1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.sql.SqliteSplitter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The D1 test endpoint seen the way a D1 REST client sees it: plain java.net.http requests under
 * the API base, answered by the Worker on real local D1 databases.
 */
class D1TestEndpointTest {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("app-db", "other-db");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** One HTTP answer: status and parsed body. */
    record Answer(int status, JsonNode body, String text) {}

    private Answer send(String method, URI uri, String token, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) request.header("Authorization", "Bearer " + token);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = response.body().startsWith("{") ? JSON.readTree(response.body()) : null;
        return new Answer(response.statusCode(), parsed, response.body());
    }

    private Answer post(String database, String action, JsonNode body) throws IOException, InterruptedException {
        return send("POST", URI.create(D1.databaseUri(database) + action), D1.apiToken(), body);
    }

    private static ObjectNode sql(String sql, Object... params) {
        ObjectNode query = JSON.createObjectNode().put("sql", sql);
        ArrayNode list = query.putArray("params");
        for (Object p : params) list.addPOJO(p);
        return query;
    }

    private static ObjectNode batch(ObjectNode... queries) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("batch").addAll(List.of(queries));
        return body;
    }

    private Answer query(String database, String statement, Object... params) throws IOException, InterruptedException {
        Answer answer = post(database, "/query", sql(statement, params));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().path("success").asBoolean()).isTrue();
        return answer;
    }

    private long count(String database, String table) throws IOException, InterruptedException {
        return query(database, "SELECT count(*) AS n FROM " + table)
                .body()
                .at("/result/0/results/0/n")
                .asLong();
    }

    @Test
    void queryAnswersRowsAsObjectsAndRawAsColumnsAndRows() throws Exception {
        query("app-db", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL)");
        Answer insert = query("app-db", "INSERT INTO users (email) VALUES (?)", "ada@example.com");
        assertThat(insert.body().at("/result/0/meta/changes").asInt()).isEqualTo(1);
        assertThat(insert.body().path("errors")).isEmpty();

        Answer rows = query("app-db", "SELECT id, email FROM users WHERE email = ?", "ada@example.com");
        assertThat(rows.body().at("/result/0/results/0/email").asText()).isEqualTo("ada@example.com");

        Answer raw = post("app-db", "/raw", sql("SELECT id, email FROM users"));
        assertThat(raw.body().at("/result/0/results/columns")).hasToString("[\"id\",\"email\"]");
        assertThat(raw.body().at("/result/0/results/rows")).hasToString("[[1,\"ada@example.com\"]]");
    }

    @Test
    void aBatchIsOneTransactionSoAFailingStatementLeavesNothing() throws Exception {
        query("app-db", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)");

        Answer failed = post(
                "app-db",
                "/query",
                batch(
                        sql("INSERT INTO users (email) VALUES (?)", "ada@example.com"),
                        sql("CREATE TABLE posts (id INTEGER PRIMARY KEY)"),
                        sql("INSERT INTO no_such_table VALUES (1)")));

        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.body().path("success").asBoolean()).isFalse();
        assertThat(failed.body().at("/errors/0/code").asInt()).isEqualTo(7500);
        assertThat(failed.body().at("/errors/0/message").asText()).contains("no such table: no_such_table");
        assertThat(count("app-db", "users")).isZero();
        assertThat(count("app-db", "sqlite_master WHERE name = 'posts'")).isZero();

        // The form wrangler sends: several statements in one sql, also one batch.
        Answer several = post(
                "app-db",
                "/query",
                sql("INSERT INTO users (email) VALUES ('b@example.com');\n"
                        + "INSERT INTO users (email) VALUES ('b@example.com');"));
        assertThat(several.status()).isEqualTo(400);
        assertThat(several.body().at("/errors/0/message").asText()).contains("UNIQUE constraint failed");
        assertThat(count("app-db", "users")).isZero();
    }

    @Test
    void aBatchThatSucceedsAnswersEachStatement() throws Exception {
        Answer answer = post(
                "app-db",
                "/query",
                batch(
                        sql("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"),
                        sql("INSERT INTO t (v) VALUES (?)", "x"),
                        sql("SELECT v FROM t")));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("result")).hasSize(3);
        assertThat(answer.body().at("/result/2/results/0/v").asText()).isEqualTo("x");
    }

    @Test
    void aWrongOrMissingTokenGetsCloudflaresAuthenticationErrors() throws Exception {
        URI uri = URI.create(D1.databaseUri("app-db") + "/query");
        Answer wrong = send("POST", uri, "not-the-token", sql("SELECT 1"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.body().path("success").asBoolean()).isFalse();
        assertThat(wrong.body().at("/errors/0/code").asInt()).isEqualTo(10000);
        assertThat(wrong.body().at("/errors/0/message").asText()).isEqualTo("Authentication error");
        assertThat(wrong.body().path("result").isNull()).isTrue();

        Answer missing = send("POST", uri, null, sql("SELECT 1"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().at("/errors/0/code").asInt()).isEqualTo(9106);

        Answer otherAccount = send(
                "POST",
                URI.create(D1.baseUrl() + "/accounts/0000/d1/database/"
                        + D1.database("app-db").id() + "/query"),
                D1.apiToken(),
                sql("SELECT 1"));
        assertThat(otherAccount.status()).isEqualTo(403);
        assertThat(otherAccount.body().at("/errors/0/code").asInt()).isEqualTo(10000);
        assertThat(wrong.text() + missing.text() + otherAccount.text()).doesNotContain(D1.apiToken());
    }

    @Test
    void anUnknownDatabaseOrRouteIsNotFound() throws Exception {
        Answer database = send(
                "POST",
                URI.create(D1.baseUrl() + "/accounts/" + D1.accountId()
                        + "/d1/database/6a0c0d9e-0000-4000-8000-000000000000/query"),
                D1.apiToken(),
                sql("SELECT 1"));
        assertThat(database.status()).isEqualTo(404);
        assertThat(database.body().at("/errors/0/code").asInt()).isEqualTo(7404);

        Answer route = send("GET", URI.create(D1.databaseUri("app-db") + "/backups"), D1.apiToken(), null);
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.body().at("/errors/0/code").asInt()).isEqualTo(7003);
    }

    @Test
    void theDatabasesAreSeparateAndTheDetailsNameThem() throws Exception {
        query("app-db", "CREATE TABLE only_here (id INTEGER)");
        assertThat(count("other-db", "sqlite_master WHERE name = 'only_here'")).isZero();

        Answer details = send("GET", D1.databaseUri("app-db"), D1.apiToken(), null);
        assertThat(details.body().at("/result/uuid").asText())
                .isEqualTo(D1.database("app-db").id());
        assertThat(details.body().at("/result/name").asText()).isEqualTo("app-db");
        assertThat(details.body().at("/result/num_tables").asInt()).isEqualTo(1);
    }

    @Test
    void requestsAreCountedByRoute() throws Exception {
        D1.clearRequestCounts();
        query("app-db", "SELECT 1");
        query("app-db", "SELECT 2");
        post("app-db", "/raw", sql("SELECT 3"));

        D1TestEndpoint.RequestCounts counts = D1.requestCounts();
        assertThat(counts.total()).isEqualTo(3);
        assertThat(counts.routes()).containsEntry("POST query", 2).containsEntry("POST raw", 1);
    }

    @Test
    void anotherEndpointOfTheJvmSharesTheProcessAndNothingElse() throws Exception {
        query("app-db", "CREATE TABLE mine (id INTEGER)");
        D1.clearRequestCounts();
        URI theirQuery;
        String theirToken;
        try (D1TestEndpoint other = D1TestEndpoint.withDatabases("app-db").start()) {
            theirQuery = URI.create(other.databaseUri("app-db") + "/query");
            theirToken = other.apiToken();
            assertThat(other.baseUrl()).isEqualTo(D1.baseUrl());
            assertThat(other.accountId()).isNotEqualTo(D1.accountId());
            assertThat(theirToken).isNotEqualTo(D1.apiToken());
            assertThat(other.database("app-db").id())
                    .isNotEqualTo(D1.database("app-db").id());

            Answer theirs = send(
                    "POST", theirQuery, theirToken, sql("SELECT count(*) AS n FROM sqlite_master WHERE name = 'mine'"));
            assertThat(theirs.body().at("/result/0/results/0/n").asInt())
                    .as("a database of the same name, without this endpoint's table")
                    .isZero();
            Answer crossed = send("POST", theirQuery, D1.apiToken(), sql("SELECT 1"));
            assertThat(crossed.status()).isEqualTo(403);
            Answer list = send(
                    "GET",
                    URI.create(other.baseUrl() + "/accounts/" + other.accountId() + "/d1/database"),
                    theirToken,
                    null);
            assertThat(list.body().at("/result/0/uuid").asText())
                    .isEqualTo(other.database("app-db").id());
            assertThat(list.body().path("result")).hasSize(1);
            assertThat(other.requestCounts().routes())
                    .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("POST query", 1, "GET databases", 1));
            assertThat(D1.requestCounts().routes())
                    .as("the request with this endpoint's token")
                    .containsExactlyEntriesOf(java.util.Map.of("POST query", 1));

            other.failNext(5, 503, java.util.Optional.empty());
            other.reset();
            other.failNext(5, 503, java.util.Optional.empty());
            assertThat(count("app-db", "sqlite_master WHERE name = 'mine'"))
                    .as("neither the other's reset nor its failures reach this endpoint")
                    .isEqualTo(1);
        }
        Answer ended = send("POST", theirQuery, theirToken, sql("SELECT 1"));
        assertThat(ended.status()).as("a closed endpoint's token").isEqualTo(403);
        assertThat(count("app-db", "sqlite_master WHERE name = 'mine'")).isEqualTo(1);
    }

    @Test
    @Tag("full") // starts a JVM and its own wrangler dev; left out of the quick loop (-Dquick)
    void mainServesUntilItsInputEndsAndItsExitStopsWranglerAndWorkerd() throws Exception {
        Process jvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        D1TestEndpoint.class.getName(),
                        "solo-db")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String line = new java.io.BufferedReader(
                        new java.io.InputStreamReader(jvm.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))
                .readLine();
        JsonNode started = JSON.readTree(line);
        List<ProcessHandle> tree = jvm.descendants().toList();
        assertThat(tree)
                .as("wrangler and workerd")
                .anySatisfy(p -> assertThat(p.info().commandLine().orElse("")).contains("workerd"));
        Answer answer = send(
                "POST",
                URI.create(started.path("base_url").asText() + "/accounts/"
                        + started.path("account_id").asText() + "/d1/database/"
                        + started.at("/databases/0/id").asText() + "/query"),
                started.path("token").asText(),
                sql("SELECT 1 AS one"));
        assertThat(answer.body().at("/result/0/results/0/one").asInt()).isEqualTo(1);

        jvm.getOutputStream().close();

        assertThat(jvm.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(jvm.exitValue()).isZero();
        for (ProcessHandle p : tree) {
            p.onExit().get(1, TimeUnit.MINUTES);
            assertThat(p.isAlive())
                    .as(p.info().commandLine().orElse("a process"))
                    .isFalse();
        }
    }

    private List<String> schema(String database) throws IOException, InterruptedException {
        Answer answer = post(
                database,
                "/raw",
                sql("SELECT type, name, sql FROM sqlite_master "
                        + "WHERE name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name"));
        List<String> objects = new ArrayList<>();
        answer.body().at("/result/0/results/rows").forEach(row -> objects.add(row.toString()));
        return objects;
    }

    private JsonNode rows(String database, String select) throws IOException, InterruptedException {
        return post(database, "/raw", sql(select)).body().at("/result/0/results/rows");
    }

    @Test
    void aBookmarkRestoresTheSchemaAndRowsAndTheRestoreCanBeUndone() throws Exception {
        query("app-db", "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL)");
        query("app-db", "INSERT INTO users (email) VALUES ('ada@example.com'), ('bob@example.com')");
        List<String> schemaBefore = schema("app-db");
        JsonNode rowsBefore = rows("app-db", "SELECT * FROM users ORDER BY id");

        Answer bookmark =
                send("GET", URI.create(D1.databaseUri("app-db") + "/time_travel/bookmark"), D1.apiToken(), null);
        assertThat(bookmark.status()).isEqualTo(200);
        String before = bookmark.body().at("/result/bookmark").asText();
        assertThat(before).matches("[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}");

        // a migration and later writes
        post(
                "app-db",
                "/query",
                sql("CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id));\n"
                        + "ALTER TABLE users ADD COLUMN name TEXT;\n"
                        + "CREATE INDEX posts_user ON posts (user_id);\n"
                        + "INSERT INTO posts (user_id) VALUES (1);\n"
                        + "DELETE FROM users WHERE id = 2;"));
        assertThat(schema("app-db")).isNotEqualTo(schemaBefore);

        Answer restored = send(
                "POST",
                URI.create(D1.databaseUri("app-db") + "/time_travel/restore?bookmark=" + before),
                D1.apiToken(),
                null);
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        String previous = restored.body().at("/result/previous_bookmark").asText();
        String after = restored.body().at("/result/bookmark").asText();
        assertThat(previous).isGreaterThan(before);
        assertThat(after).isGreaterThan(previous);
        assertThat(schema("app-db")).isEqualTo(schemaBefore);
        assertThat(rows("app-db", "SELECT * FROM users ORDER BY id")).isEqualTo(rowsBefore);
        assertThat(rows("app-db", "SELECT seq FROM sqlite_sequence WHERE name = 'users'")
                        .toString())
                .isEqualTo("[[2]]");

        Answer undone = send(
                "POST",
                URI.create(D1.databaseUri("app-db") + "/time_travel/restore?bookmark=" + previous),
                D1.apiToken(),
                null);
        assertThat(undone.status()).isEqualTo(200);
        assertThat(count("app-db", "posts")).isEqualTo(1);
        assertThat(rows("app-db", "SELECT id FROM users").toString()).isEqualTo("[[1]]");

        Answer unknown = send(
                "POST",
                URI.create(D1.databaseUri("other-db") + "/time_travel/restore?bookmark=" + before),
                D1.apiToken(),
                null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("success").asBoolean()).isFalse();
    }

    @Test
    void anExportIsPolledUntilCompleteAndItsSignedUrlDownloadsSqlThatSqliteLoads(@TempDir Path folder)
            throws Exception {
        post(
                "app-db",
                "/query",
                sql("CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT, score REAL, avatar BLOB);\n"
                        + "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), title TEXT);\n"
                        + "CREATE INDEX posts_user ON posts (user_id);\n"
                        + "CREATE TRIGGER posts_title AFTER INSERT ON posts BEGIN UPDATE posts SET title = upper(title) WHERE id = new.id; END;\n"
                        + "INSERT INTO users (email, score, avatar) VALUES ('o''hara@example.com', 0.1, x'00ff10'), (NULL, -2.5e300, NULL);\n"
                        + "INSERT INTO posts (user_id, title) VALUES (1, 'hello');"));

        URI export = URI.create(D1.databaseUri("app-db") + "/export");
        ObjectNode start = JSON.createObjectNode().put("output_format", "polling");
        Answer answer = send("POST", export, D1.apiToken(), start);
        assertThat(answer.body().at("/result/status").asText()).isEqualTo("active");
        for (int polls = 0; !answer.body().at("/result/status").asText().equals("complete") && polls < 10; polls++) {
            ObjectNode poll = start.deepCopy()
                    .put(
                            "current_bookmark",
                            answer.body().at("/result/at_bookmark").asText());
            answer = send("POST", export, D1.apiToken(), poll);
            assertThat(answer.body().at("/result/status").asText()).isIn("active", "complete");
        }
        URI signed = URI.create(answer.body().at("/result/result/signed_url").asText());
        assertThat(answer.body().at("/result/result/filename").asText()).endsWith(".sql");

        Answer download = send("GET", signed, null, null);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.text())
                .startsWith("PRAGMA defer_foreign_keys=TRUE;")
                .contains("CREATE TABLE users");
        Answer tampered = send("GET", URI.create(signed.toString().replace("signature=", "signature=0")), null, null);
        assertThat(tampered.status()).isEqualTo(403);

        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("export.db"));
                java.sql.Statement statement = sqlite.createStatement()) {
            for (dev.strata.sql.Statement each :
                    SqliteSplitter.INSTANCE.split("export.sql", download.text()).statements()) {
                statement.execute(each.sql());
            }
            try (ResultSet users = statement.executeQuery("SELECT email, score, hex(avatar) FROM users ORDER BY id")) {
                assertThat(users.next()).isTrue();
                assertThat(users.getString(1)).isEqualTo("o'hara@example.com");
                assertThat(users.getDouble(2)).isEqualTo(0.1);
                assertThat(users.getString(3)).isEqualTo("00FF10");
                assertThat(users.next()).isTrue();
                assertThat(users.getDouble(2)).isEqualTo(-2.5e300);
            }
            try (ResultSet posts = statement.executeQuery("SELECT title FROM posts")) {
                assertThat(posts.next()).isTrue();
                assertThat(posts.getString(1)).isEqualTo("HELLO");
            }
            try (ResultSet trigger = statement.executeQuery(
                    "SELECT count(*) FROM sqlite_master WHERE name IN ('posts_user', 'posts_title')")) {
                assertThat(trigger.getInt(1)).isEqualTo(2);
            }
        }

        ObjectNode schemaOnly = JSON.createObjectNode().put("output_format", "polling");
        schemaOnly.putObject("dump_options").put("no_data", true);
        Answer first = send("POST", export, D1.apiToken(), schemaOnly);
        Answer done = send(
                "POST",
                export,
                D1.apiToken(),
                schemaOnly
                        .deepCopy()
                        .put(
                                "current_bookmark",
                                first.body().at("/result/at_bookmark").asText()));
        String schemaText = send(
                        "GET",
                        URI.create(done.body().at("/result/result/signed_url").asText()),
                        null,
                        null)
                .text();
        assertThat(schemaText).contains("CREATE TABLE posts").doesNotContain("INSERT INTO");
    }
}
