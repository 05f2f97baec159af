package dev.strata.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The D1 REST test endpoint of strata-core's tests ({@code dev.strata.dialect.d1.D1TestEndpoint},
 * in the strata-core test jar) run in a JVM of its own, so that the benchmark needs that jar only
 * at run time. It prints where it serves on one line and serves until its standard input closes.
 */
final class D1Endpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAIN = "dev.strata.dialect.d1.D1TestEndpoint";

    private final Process process;
    private final JsonNode started;
    private final HttpClient http = HttpClient.newHttpClient();

    private D1Endpoint(Process process, JsonNode started) {
        this.process = process;
        this.started = started;
    }

    /** Starts the endpoint with one database; empty when wrangler is not installed (the reason is in the note). */
    static Optional<D1Endpoint> start(Path strataCore, String database, BenchContext context) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                MAIN,
                "--home",
                strataCore.toString(),
                database);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String line =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the D1 test endpoint did not start (its errors are above)");
        }
        JsonNode started = JSON.readTree(line);
        if (started.has("skipped")) {
            context.note(
                    "The d1 workload did not run: " + started.path("skipped").asText() + ".");
            process.getOutputStream().close();
            return Optional.empty();
        }
        return Optional.of(new D1Endpoint(process, started));
    }

    String token() {
        return started.path("token").asText();
    }

    Path wrangler() {
        return Path.of(started.path("wrangler").asText());
    }

    String databaseId() {
        return started.at("/databases/0/id").asText();
    }

    String accountId() {
        return started.path("account_id").asText();
    }

    URI databaseUri() {
        return URI.create(
                started.path("base_url").asText() + "/accounts/" + accountId() + "/d1/database/" + databaseId());
    }

    /** CLOUDFLARE_API_BASE_URL, CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID for a client process. */
    Map<String, String> environment() {
        return Map.of(
                "CLOUDFLARE_API_BASE_URL",
                started.path("base_url").asText(),
                "CLOUDFLARE_API_TOKEN",
                token(),
                "CLOUDFLARE_ACCOUNT_ID",
                accountId());
    }

    /** Empties the database and zeroes the request counts. */
    void reset() throws IOException, InterruptedException {
        control("POST", "/__endpoint/reset");
    }

    /** HTTP requests served since the last reset. */
    int requests() throws IOException, InterruptedException {
        return control("GET", "/__endpoint/requests").path("total").asInt();
    }

    /** The answer of the query endpoint to one SQL statement. */
    JsonNode query(String sql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(databaseUri() + "/query"))
                .header("Authorization", "Bearer " + token())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("sql", sql))))
                .build();
        return JSON.readTree(
                http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode control(String method, String path) throws IOException, InterruptedException {
        URI origin = URI.create(started.path("base_url").asText()).resolve("/");
        HttpRequest request = HttpRequest.newBuilder(origin.resolve(path))
                .header("Authorization", "Bearer " + token())
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        JsonNode answer = JSON.readTree(
                http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        if (!answer.path("success").asBoolean()) {
            throw new IllegalStateException(
                    "the D1 test endpoint refused " + method + " " + path + ": " + answer.path("errors"));
        }
        return answer.path("result");
    }

    /** Closes the endpoint's standard input, so that it stops wrangler; forces the whole tree if it does not end. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (process.waitFor(1, TimeUnit.MINUTES)) return;
        } catch (IOException | InterruptedException e) {
            // forced below
        }
        Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(ProcessHandle::destroyForcibly);
    }
}
