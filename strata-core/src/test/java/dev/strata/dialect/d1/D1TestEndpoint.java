package dev.strata.dialect.d1;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A D1 REST endpoint for tests: the Worker in {@code src/test/d1-endpoint} run by the real
 * {@code wrangler dev --local}, so every statement runs on a real local D1 database (workerd's
 * SQLite) behind Cloudflare's documented routes, envelope, error codes and Bearer-token check.
 *
 * <p>Use it as a JUnit 5 extension, which starts it before the class's tests, empties its databases
 * before each test and stops wrangler and workerd after the class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("staging", "prod");
 * }</pre>
 *
 * or on its own with {@link #start()} and {@link #close()}. The tests are skipped when wrangler is
 * not installed ({@code npm ci} in {@code strata-core/src/test/wrangler}) and fail under CI.
 *
 * <p>Each start writes a wrangler config into a new temporary folder: one D1 binding per database,
 * a random account id and database ids, and a random API token given to the Worker as a secret
 * ({@code .dev.vars}). Not thread-safe: one test class drives one endpoint.
 */
public final class D1TestEndpoint implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, AutoCloseable {

    /** One database the endpoint serves: its {@code database_name}, {@code database_id} and Worker binding. */
    public record Database(String name, String id, String binding) {}

    /** The requests the Worker served since the counts were last cleared, by route (e.g. "POST query"). */
    public record RequestCounts(int total, Map<String, Integer> routes) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WRANGLER_HOME = Path.of("src", "test", "wrangler");
    private static final Path WORKER = Path.of("src", "test", "d1-endpoint", "worker.js");
    // Bounds so that a wrangler that never gets ready fails the build instead of stalling it.
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(20);

    private final List<String> names;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Optional<Path> home = Optional.empty();
    private Path folder;
    private Process process;
    private Path wrangler;
    private int port;
    private String accountId;
    private String token;
    private List<Database> databases = List.of();

    private D1TestEndpoint(List<String> names) {
        if (names.isEmpty()) throw new IllegalArgumentException("name at least one database");
        this.names = List.copyOf(names);
    }

    /** An endpoint serving a database for each name (its {@code database_name}). */
    public static D1TestEndpoint withDatabases(String... names) {
        return new D1TestEndpoint(List.of(names));
    }

    /**
     * Finds the Worker and wrangler under {@code strataCore} (the strata-core module folder) instead
     * of the working directory, for callers that do not run inside the module, such as the benchmark.
     */
    public D1TestEndpoint home(Path strataCore) {
        this.home = Optional.of(strataCore.toAbsolutePath());
        return this;
    }

    /**
     * Runs the endpoint outside JUnit, for the benchmark or for trying a client by hand:
     * {@code D1TestEndpoint [--home STRATA_CORE_DIR] NAME...}. Prints one JSON line (base_url,
     * account_id, token, wrangler, databases) or {@code {"skipped": reason}} when wrangler is not
     * installed, then serves until its standard input ends.
     */
    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>(List.of(args));
        Optional<Path> home = Optional.empty();
        if (names.size() >= 2 && names.get(0).equals("--home")) {
            home = Optional.of(Path.of(names.get(1)));
            names = names.subList(2, names.size());
        }
        D1TestEndpoint endpoint = new D1TestEndpoint(names);
        home.ifPresent(endpoint::home);
        try {
            endpoint.start();
        } catch (org.opentest4j.TestAbortedException notInstalled) {
            System.out.println(JSON.createObjectNode().put("skipped", notInstalled.getMessage()));
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(endpoint::close));
        ObjectNode started = JSON.createObjectNode()
                .put("base_url", endpoint.baseUrl().toString())
                .put("account_id", endpoint.accountId())
                .put("token", endpoint.apiToken())
                .put("wrangler", endpoint.wrangler().toString());
        ArrayNode list = started.putArray("databases");
        endpoint.databases()
                .forEach(d ->
                        list.addObject().put("name", d.name()).put("id", d.id()).put("binding", d.binding()));
        System.out.println(started);
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the standard input ends
        }
        endpoint.close();
    }

    // --- JUnit 5 ------------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    // --- What a client needs -------------------------------------------------------------------

    /** The API base, the value for {@code CLOUDFLARE_API_BASE_URL}: {@code http://127.0.0.1:PORT/client/v4}. */
    public URI baseUrl() {
        return URI.create(origin() + "/client/v4");
    }

    public String accountId() {
        return accountId;
    }

    /** The only Bearer token the endpoint accepts; a secret, so never print it. */
    public String apiToken() {
        return token;
    }

    public List<Database> databases() {
        return databases;
    }

    public Database database(String name) {
        return databases.stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the endpoint serves no database " + name));
    }

    /** The variables wrangler (and strata) read: CLOUDFLARE_API_BASE_URL, CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CLOUDFLARE_API_BASE_URL", baseUrl().toString());
        env.put("CLOUDFLARE_API_TOKEN", token);
        env.put("CLOUDFLARE_ACCOUNT_ID", accountId);
        return env;
    }

    /** The wrangler executable that serves the endpoint, to run wrangler's own D1 commands against it. */
    public Path wrangler() {
        origin();
        return wrangler;
    }

    /** The {@code /accounts/{account}/d1/database/{id}} URI of a database, for raw HTTP calls. */
    public URI databaseUri(String name) {
        return URI.create(baseUrl() + "/accounts/" + accountId + "/d1/database/"
                + database(name).id());
    }

    // --- Lifecycle -----------------------------------------------------------------------------

    /** Starts wrangler dev and returns when the Worker answers; skips the test when wrangler is missing. */
    public D1TestEndpoint start() throws IOException, InterruptedException {
        if (process != null) return this;
        wrangler = wranglerExecutable(home);
        Path worker = locate(home, WORKER)
                .orElseThrow(() -> new IllegalStateException("the D1 endpoint Worker " + WORKER + " is missing"));
        SecureRandom random = new SecureRandom();
        accountId = hex(random, 16);
        token = "strata-test-" + hex(random, 20);
        List<Database> served = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            served.add(new Database(names.get(i), UUID.randomUUID().toString(), "DB_" + (i + 1)));
        }
        databases = List.copyOf(served);
        folder = Files.createTempDirectory("strata-d1-endpoint");
        Files.writeString(folder.resolve("wrangler.json"), config(worker));
        Files.writeString(folder.resolve(".dev.vars"), "API_TOKEN=" + token + "\n");
        port = freePort();
        List<String> command = List.of(
                wrangler.toString(),
                "dev",
                "--local",
                "--config",
                "wrangler.json",
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--inspector-port",
                String.valueOf(freePort()),
                "--persist-to",
                folder.resolve("state").toString(),
                "--show-interactive-dev-session=false");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("wrangler-dev.log").toFile());
        builder.environment().put("CI", "true");
        builder.environment().put("WRANGLER_SEND_METRICS", "false");
        builder.environment().put("NO_COLOR", "1");
        builder.environment().put("WRANGLER_LOG_PATH", folder.resolve("logs").toString());
        process = builder.start();
        process.getOutputStream().close();
        awaitReady();
        return this;
    }

    /** Empties every database (drops all tables, views, triggers), forgets bookmarks and exports, clears the counts. */
    public void reset() throws IOException, InterruptedException {
        control("POST", "/__endpoint/reset");
    }

    public RequestCounts requestCounts() throws IOException, InterruptedException {
        JsonNode result = control("GET", "/__endpoint/requests");
        Map<String, Integer> routes = new LinkedHashMap<>();
        result.path("routes")
                .fields()
                .forEachRemaining(e -> routes.put(e.getKey(), e.getValue().asInt()));
        return new RequestCounts(result.path("total").asInt(), Map.copyOf(routes));
    }

    /**
     * Makes the Worker answer the next {@code count} API requests with {@code status} (429 with
     * Cloudflare's rate-limit envelope and, when given, {@code Retry-After}; 5xx as a plain-text page)
     * instead of serving them. They are counted like the others.
     */
    public void failNext(int count, int status, Optional<Integer> retryAfterSeconds)
            throws IOException, InterruptedException {
        control(
                "POST",
                "/__endpoint/fail?count=" + count + "&status=" + status
                        + retryAfterSeconds.map(s -> "&retry_after=" + s).orElse(""));
    }

    public void clearRequestCounts() throws IOException, InterruptedException {
        control("DELETE", "/__endpoint/requests");
    }

    /** Stops wrangler and every process it started (workerd), then deletes the temporary folder. */
    @Override
    public void close() {
        if (process != null) {
            List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                    .toList();
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle handle : tree) {
                try {
                    handle.onExit().get(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception stillRunning) {
                    handle.destroyForcibly();
                }
            }
            process = null;
        }
        if (folder != null) {
            deleteTree(folder);
            folder = null;
        }
    }

    // --- Inside --------------------------------------------------------------------------------

    private String origin() {
        if (process == null) throw new IllegalStateException("the D1 test endpoint is not started");
        return "http://127.0.0.1:" + port;
    }

    private String config(Path worker) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", "strata-d1-endpoint");
        root.put("main", worker.toString());
        root.put("compatibility_date", "2025-01-01");
        ArrayNode bindings = root.putArray("d1_databases");
        ArrayNode served = JSON.createArrayNode();
        for (Database d : databases) {
            bindings.addObject()
                    .put("binding", d.binding())
                    .put("database_name", d.name())
                    .put("database_id", d.id());
            served.addObject().put("id", d.id()).put("binding", d.binding()).put("name", d.name());
        }
        bindings.addObject()
                .put("binding", "ENDPOINT_STATE")
                .put("database_name", "endpoint-state")
                .put("database_id", UUID.randomUUID().toString());
        ObjectNode vars = root.putObject("vars");
        vars.put("ACCOUNT_ID", accountId);
        vars.set("DATABASES", served);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant limit = Instant.now().plus(START_LIMIT);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(origin() + "/__endpoint/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        while (Instant.now().isBefore(limit)) {
            if (!process.isAlive()) {
                String log = readLog();
                close();
                throw new IllegalStateException("wrangler dev stopped before the D1 endpoint was ready:\n" + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // wrangler is still starting workerd
            }
            Thread.sleep(200);
        }
        String log = readLog();
        close();
        throw new IllegalStateException(
                "wrangler dev did not get the D1 endpoint ready within " + START_LIMIT + ":\n" + log);
    }

    private String readLog() {
        try {
            return Files.readString(folder.resolve("wrangler-dev.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private JsonNode control(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(origin() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(1))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !body.path("success").asBoolean()) {
            throw new IllegalStateException(
                    "the D1 test endpoint refused " + method + " " + path + ": " + body.path("errors"));
        }
        return body.path("result");
    }

    private static Path wranglerExecutable(Optional<Path> home) {
        Optional<Path> found = locate(home, WRANGLER_HOME.resolve(Path.of("node_modules", ".bin", "wrangler")))
                .filter(Files::isExecutable);
        if (found.isEmpty() && System.getenv("CI") != null) {
            throw new IllegalStateException("wrangler is not installed: run 'npm ci' in strata-core/" + WRANGLER_HOME
                    + " (the CI script does this before the build)");
        }
        assumeTrue(
                found.isPresent(),
                "wrangler is not installed; run 'npm ci' in strata-core/" + WRANGLER_HOME
                        + " to run the tests against the D1 test endpoint");
        return found.get();
    }

    /** The file relative to strata-core, whether the tests run in strata-core or in a sibling module. */
    private static Optional<Path> locate(Optional<Path> home, Path relative) {
        Stream<Path> candidates = home.isPresent()
                ? Stream.of(home.get().resolve(relative))
                : Stream.of(relative, Path.of("..", "strata-core").resolve(relative));
        return candidates
                .map(Path::toAbsolutePath)
                .map(Path::normalize)
                .filter(Files::exists)
                .findFirst();
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // A temporary folder left behind is harmless; the next run makes a new one.
        }
    }
}
