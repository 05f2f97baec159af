package dev.strata.dialect.d1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
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
        return query(database, "SELECT count(*) AS n FROM " + table).body().at("/result/0/results/0/n").asLong();
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

        Answer failed = post("app-db", "/query", batch(
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
        Answer several = post("app-db", "/query", sql("INSERT INTO users (email) VALUES ('b@example.com');\n"
                + "INSERT INTO users (email) VALUES ('b@example.com');"));
        assertThat(several.status()).isEqualTo(400);
        assertThat(several.body().at("/errors/0/message").asText()).contains("UNIQUE constraint failed");
        assertThat(count("app-db", "users")).isZero();
    }

    @Test
    void aBatchThatSucceedsAnswersEachStatement() throws Exception {
        Answer answer = post("app-db", "/query", batch(
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

        Answer otherAccount = send("POST", URI.create(D1.baseUrl() + "/accounts/0000/d1/database/"
                + D1.database("app-db").id() + "/query"), D1.apiToken(), sql("SELECT 1"));
        assertThat(otherAccount.status()).isEqualTo(403);
        assertThat(otherAccount.body().at("/errors/0/code").asInt()).isEqualTo(10000);
        assertThat(wrong.text() + missing.text() + otherAccount.text()).doesNotContain(D1.apiToken());
    }

    @Test
    void anUnknownDatabaseOrRouteIsNotFound() throws Exception {
        Answer database = send("POST", URI.create(D1.baseUrl() + "/accounts/" + D1.accountId()
                + "/d1/database/6a0c0d9e-0000-4000-8000-000000000000/query"), D1.apiToken(), sql("SELECT 1"));
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
        assertThat(details.body().at("/result/uuid").asText()).isEqualTo(D1.database("app-db").id());
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
}
