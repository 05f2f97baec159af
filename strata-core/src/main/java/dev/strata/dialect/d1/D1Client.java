package dev.strata.dialect.d1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.config.D1Address;
import dev.strata.dialect.DatabaseException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cloudflare's documented D1 REST API, over Java's own HTTP client: {@code POST
 * /accounts/{account}/d1/database/{id}/raw} with {@code {"sql", "params"}} or {@code {"batch": [...]}},
 * authorised by {@code Authorization: Bearer TOKEN}. Per the API's documentation a request's
 * statements run as one transaction: all of them take effect or none.
 *
 * <p>429 and 5xx answers (and connections that fail) are retried with exponential backoff, honouring
 * {@code Retry-After}, for at most {@link #RETRY_BUDGET} in all. Retrying a write is safe for strata:
 * a migration's request starts with its history row, so a request that did land and is sent again
 * fails on the history key instead of running twice.
 *
 * <p>The token is sent in a header and nowhere else: no message, exception or log line built here
 * contains it. One instance per session; thread-safe because {@link HttpClient} is.
 */
public final class D1Client {

    /** How long one run keeps retrying a request that Cloudflare answers with 429 or 5xx. */
    static final Duration RETRY_BUDGET = Duration.ofSeconds(60);

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** D1 stops a query after 30 seconds; a request may hold several, so the answer is given more. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Requests sent by every client of this process, for the benchmark's request count. */
    private static final AtomicLong SENT = new AtomicLong();

    private final D1Address address;
    private final String token;
    private final String shown;
    private final HttpClient http;
    private final Duration retryBudget;

    /**
     * @param shown the database as named to people, e.g. {@code d1:DB}
     */
    public D1Client(D1Address address, String token, String shown) {
        this(address, token, shown, RETRY_BUDGET);
    }

    /** @param retryBudget how long one request is retried in all; tests give less than a minute */
    D1Client(D1Address address, String token, String shown, Duration retryBudget) {
        this.address = address;
        this.token = token;
        this.shown = shown;
        this.retryBudget = retryBudget;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();
    }

    /** HTTP requests sent to the D1 API by this process so far. */
    public static long requestsSent() {
        return SENT.get();
    }

    /**
     * Runs {@code statements} as one request, so as one transaction.
     *
     * @return one result per statement, in order
     * @throws D1SqlException      when D1 refused the SQL (nothing took effect)
     * @throws DatabaseException   when the API can't be reached or refuses the request, with what to do
     */
    public List<D1Result> run(List<D1Statement> statements) {
        if (statements.isEmpty()) {
            return List.of();
        }
        JsonNode answer = post(address.endpoint("raw"), body(statements));
        List<D1Result> results = new ArrayList<>(statements.size());
        for (JsonNode result : answer.path("result")) {
            JsonNode set = result.path("results");
            List<String> columns = new ArrayList<>();
            set.path("columns").forEach(column -> columns.add(column.asText()));
            List<List<JsonNode>> rows = new ArrayList<>();
            for (JsonNode row : set.path("rows")) {
                List<JsonNode> values = new ArrayList<>();
                row.forEach(values::add);
                rows.add(values);
            }
            results.add(new D1Result(columns, rows));
        }
        if (results.size() != statements.size()) {
            throw new DatabaseException("the D1 API at " + address.apiBase() + " answered " + results.size()
                    + " results for " + statements.size() + " statements of " + shown + "; is CLOUDFLARE_API_BASE_URL"
                    + " Cloudflare's API?");
        }
        return results;
    }

    public List<D1Result> run(D1Statement... statements) {
        return run(List.of(statements));
    }

    /**
     * The whole database as SQL, through D1's export API: {@code POST .../export} with {@code
     * output_format: "polling"}, polled with {@code current_bookmark} until its status is {@code
     * complete}, then the file fetched from {@code result.signed_url} (which needs no token).
     *
     * @param limit how long to poll before giving up
     */
    public String exportSql(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        String bookmark = null;
        while (true) {
            ObjectNode body = JSON.createObjectNode().put("output_format", "polling");
            if (bookmark != null) {
                body.put("current_bookmark", bookmark);
            }
            JsonNode result = post(address.endpoint("export"), body.toString()).path("result");
            String status = result.path("status").asText("");
            if (status.equals("complete")) {
                return download(
                        URI.create(result.path("result").path("signed_url").asText()));
            }
            if (status.equals("error") || System.nanoTime() > deadline) {
                throw new DatabaseException("D1 could not export " + shown + " ("
                        + (status.equals("error")
                                ? redact(result.path("error").asText("no reason given"))
                                : "not finished after " + limit.toSeconds() + " s")
                        + "); run 'strata backup' again, or 'wrangler d1 export --remote'");
            }
            bookmark = result.path("at_bookmark").asText();
            sleep(Duration.ofMillis(500));
        }
    }

    private String download(URI signedUrl) {
        try {
            SENT.incrementAndGet();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(signedUrl)
                            .timeout(REQUEST_TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new DatabaseException("the export of " + shown + " could not be downloaded (HTTP "
                        + response.statusCode() + "); run 'strata backup' again");
            }
            return response.body();
        } catch (IOException e) {
            throw new DatabaseException("the export of " + shown + " could not be downloaded (" + e.getMessage()
                    + "); run 'strata backup' again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while downloading the export of " + shown);
        }
    }

    private static String body(List<D1Statement> statements) {
        ObjectNode body = JSON.createObjectNode();
        if (statements.size() == 1) {
            fill(body, statements.get(0));
        } else {
            ArrayNode batch = body.putArray("batch");
            statements.forEach(statement -> fill(batch.addObject(), statement));
        }
        return body.toString();
    }

    private static void fill(ObjectNode node, D1Statement statement) {
        node.put("sql", statement.sql());
        ArrayNode params = node.putArray("params");
        statement.params().forEach(params::add);
    }

    /**
     * D1 Time Travel's bookmark for the database as it is now: {@code GET .../time_travel/bookmark},
     * answered {@code {"result": {"bookmark": "..."}}}. D1 keeps 30 days of history, so this always
     * succeeds on a database that exists.
     */
    public String bookmark() {
        JsonNode bookmark = call(address.endpoint("time_travel/bookmark"), Optional.empty())
                .path("result")
                .path("bookmark");
        if (!bookmark.isTextual() || bookmark.asText().isBlank()) {
            throw new DatabaseException("the D1 API at " + address.apiBase() + " answered no Time Travel bookmark for "
                    + shown + "; is CLOUDFLARE_API_BASE_URL Cloudflare's API?");
        }
        return bookmark.asText();
    }

    /** What D1 answers to a Time Travel restore. */
    public record Restored(String bookmark, String previousBookmark, String message) {}

    /**
     * Restores the database to {@code bookmark}: {@code POST .../time_travel/restore?bookmark=B},
     * answered {@code {bookmark, previous_bookmark, message}}; {@code previous_bookmark} undoes it.
     */
    public Restored restore(String bookmark) {
        URI uri = URI.create(address.endpoint("time_travel/restore") + "?bookmark="
                + java.net.URLEncoder.encode(bookmark, StandardCharsets.UTF_8));
        JsonNode result;
        try {
            result = call(uri, Optional.of("")).path("result");
        } catch (D1SqlException e) {
            throw new DatabaseException("D1 refused to restore " + shown + " to bookmark " + bookmark + " ("
                    + redact(e.databaseMessage()) + "); nothing was changed. Bookmarks older than 30 days can't be"
                    + " restored; 'wrangler d1 time-travel info' gives the current one.");
        }
        return new Restored(
                result.path("bookmark").asText(""),
                result.path("previous_bookmark").asText(""),
                result.path("message").asText(""));
    }

    private JsonNode post(URI uri, String body) {
        return call(uri, Optional.of(body));
    }

    /** A GET (no body) or a POST, retried as the class comment says. */
    private JsonNode call(URI uri, Optional<String> body) {
        long deadline = System.nanoTime() + retryBudget.toNanos();
        Duration backoff = FIRST_BACKOFF;
        String lastProblem;
        int attempts = 0;
        while (true) {
            attempts++;
            HttpRequest.Builder builder =
                    HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + token);
            HttpRequest request = body.map(text -> builder.header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)))
                    .orElseGet(builder::GET)
                    .build();
            Optional<Duration> retryAfter = Optional.empty();
            try {
                SENT.incrementAndGet();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status != 429 && status < 500) {
                    return answer(status, response.body());
                }
                lastProblem = "HTTP " + status
                        + errorsOf(response.body()).map(e -> " (" + e + ")").orElse("");
                retryAfter = response.headers().firstValue("Retry-After").flatMap(D1Client::seconds);
            } catch (IOException e) {
                lastProblem = "no answer (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatabaseException("interrupted while waiting for the D1 API on " + shown);
            }
            Duration wait =
                    retryAfter.filter(d -> d.compareTo(MAX_BACKOFF) <= 0).orElse(backoff);
            if (System.nanoTime() + wait.toNanos() > deadline) {
                throw new DatabaseException("the D1 API at " + address.apiBase() + " kept failing for " + shown + ": "
                        + redact(lastProblem) + ", after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                        + " in " + retryBudget.toSeconds() + " seconds of retries; check"
                        + " https://www.cloudflarestatus.com and run strata again (each migration lands whole or"
                        + " not at all, so a run can simply be repeated)");
            }
            sleep(wait);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Reads Cloudflare's envelope: {@code success}, {@code errors[].code/message}, {@code result}. */
    private JsonNode answer(int status, String text) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(text);
        } catch (IOException e) {
            envelope = null;
        }
        if (envelope == null || !envelope.isObject()) {
            throw new DatabaseException("the D1 API at " + address.apiBase() + " answered HTTP " + status + " without"
                    + " Cloudflare's JSON envelope for " + shown + "; is CLOUDFLARE_API_BASE_URL Cloudflare's API?");
        }
        if (status < 300 && envelope.path("success").asBoolean(false)) {
            return envelope;
        }
        List<Integer> codes = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (JsonNode error : envelope.path("errors")) {
            codes.add(error.path("code").asInt(0));
            messages.add(redact(error.path("message").asText("")));
        }
        String said = errorsOf(text).map(this::redact).orElse("HTTP " + status);
        if (codes.contains(7500) || status == 400 && messages.stream().anyMatch(m -> m.contains("SQLITE_"))) {
            throw new D1SqlException(String.join("; ", messages));
        }
        if (status == 401
                || status == 403
                || codes.contains(10000)
                || codes.contains(9109)
                || codes.contains(7403)
                || codes.contains(9106)) {
            throw new DatabaseException("Cloudflare refused the API token for " + shown + " (" + said + "); check"
                    + " CLOUDFLARE_API_TOKEN: strata needs a token with the Account > D1 > Edit permission on"
                    + " account " + address.accountId() + " (D1 Read is not enough to migrate)");
        }
        if (status == 404 || codes.contains(7404)) {
            throw new DatabaseException("Cloudflare has no D1 database " + address.databaseId() + " in account "
                    + address.accountId() + " (" + said + ") for " + shown + "; check database_id in the wrangler"
                    + " config and CLOUDFLARE_ACCOUNT_ID ('wrangler d1 list' shows both)");
        }
        throw new DatabaseException("the D1 API refused a request for " + shown + " (" + said + ")");
    }

    /** {@code code N: message; ...} of an error envelope, when the text is one. */
    private static Optional<String> errorsOf(String text) {
        try {
            JsonNode errors = JSON.readTree(text).path("errors");
            List<String> parts = new ArrayList<>();
            errors.forEach(e -> parts.add("error " + e.path("code").asInt(0) + ": "
                    + e.path("message").asText("")));
            return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whatever an answer echoes, the token is not repeated. */
    private String redact(String text) {
        return token.isEmpty() ? text : text.replace(token, "***");
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting to retry a D1 request");
        }
    }
}
