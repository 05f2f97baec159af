package dev.strata.dialect.d1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
 * before each test and ends it after the class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("staging", "prod");
 * }</pre>
 *
 * or on its own with {@link #start()} and {@link #close()}. The tests are skipped when wrangler is
 * not installed ({@code npm ci} in {@code strata-core/src/test/wrangler}) and fail under CI.
 *
 * <p>Every endpoint of a JVM (a surefire or failsafe fork) shares one running {@code wrangler dev}
 * ({@link SharedWranglerDev}): the first start pays the seconds Node.js and workerd take, the process
 * tree is stopped when the JVM exits. Sharing changes nothing a test can see: each start makes a new
 * tenant of the Worker, with a random account id, a random API token (the only one accepted for that
 * account), new random database ids on D1 bindings no other endpoint holds (emptied when lent), and
 * its own request counts and injected failures. {@link #close()} ends the tenant and gives the
 * bindings back. Not thread-safe: one test class drives one endpoint.
 */
public final class D1TestEndpoint implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, AutoCloseable {

    /**
     * One database the endpoint serves: its {@code database_name}, {@code database_id} and the Worker
     * binding lent to it from the shared wrangler dev's pool.
     */
    public record Database(String name, String id, String binding) {}

    /**
     * The requests the Worker served for this endpoint since the counts were last cleared, by route
     * (e.g. "POST query"): those with its token, or with a wrong or missing token on its account.
     */
    public record RequestCounts(int total, Map<String, Integer> routes) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> names;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Optional<Path> home = Optional.empty();
    private SharedWranglerDev.Lease lease;
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
     * installed, then serves until its standard input ends. The JVM's exit stops wrangler.
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

    /** The only Bearer token accepted for this endpoint's account and databases; a secret, so never print it. */
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
        return lease.server().wrangler();
    }

    /** The {@code /accounts/{account}/d1/database/{id}} URI of a database, for raw HTTP calls. */
    public URI databaseUri(String name) {
        return URI.create(baseUrl() + "/accounts/" + accountId + "/d1/database/"
                + database(name).id());
    }

    // --- Lifecycle -----------------------------------------------------------------------------

    /**
     * Makes the endpoint's tenant on this JVM's wrangler dev, which it starts when no running one has
     * enough free databases, and returns when the Worker serves it; skips the test when wrangler is
     * missing.
     */
    public D1TestEndpoint start() throws IOException, InterruptedException {
        if (lease != null) return this;
        SharedWranglerDev.Lease leased = SharedWranglerDev.lease(home, names.size());
        try {
            accountId = SharedWranglerDev.hex(16);
            token = "strata-test-" + SharedWranglerDev.hex(20);
            List<Database> served = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                served.add(new Database(
                        names.get(i),
                        UUID.randomUUID().toString(),
                        leased.bindings().get(i)));
            }
            databases = List.copyOf(served);
            leased.server().addTenant(accountId, token, databases);
        } catch (IOException | InterruptedException | RuntimeException e) {
            leased.giveBack();
            throw e;
        }
        lease = leased;
        return this;
    }

    /**
     * Empties every database of the endpoint (drops all tables, views, triggers), forgets their
     * bookmarks and exports, clears the counts and the injected failures.
     */
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

    /**
     * Ends the tenant and gives its databases back to the shared wrangler dev, which keeps running
     * for the next endpoint until the JVM exits.
     */
    @Override
    public void close() {
        if (lease == null) return;
        try {
            control("DELETE", "/__endpoint/tenant");
            lease.giveBack();
        } catch (IOException | IllegalStateException notServed) {
            // wrangler is gone or refused: the bindings stay out of the pool, the next lease starts anew if needed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lease = null;
    }

    // --- Inside --------------------------------------------------------------------------------

    private String origin() {
        if (lease == null) throw new IllegalStateException("the D1 test endpoint is not started");
        return lease.server().origin();
    }

    private JsonNode control(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(origin() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(1))
                .build();
        HttpResponse<String> response = SharedWranglerDev.sendControl(http, request);
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !body.path("success").asBoolean()) {
            throw new IllegalStateException(
                    "the D1 test endpoint refused " + method + " " + path + ": " + body.path("errors"));
        }
        return body.path("result");
    }
}
