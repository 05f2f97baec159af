package dev.strata.dialect.d1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.D1Address;
import dev.strata.dialect.DatabaseException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 429 and 5xx answers are retried with backoff within a bounded time: the test endpoint answers the
 * first requests with Cloudflare's rate-limit envelope (429, Retry-After) or a plain 503 page, then
 * serves them; or keeps failing, and strata gives up with what happened and what to do.
 */
class D1RetryTest {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("retried");

    private D1Client client(Duration budget) {
        return new D1Client(
                new D1Address(
                        D1.baseUrl(), D1.accountId(), D1.database("retried").id(), "d1_migrations", Optional.empty()),
                D1.apiToken(),
                "d1:DB",
                budget);
    }

    @Test
    void threeServiceUnavailableAnswersAreRetriedAndTheRequestLandsOnce() throws Exception {
        D1.failNext(3, 503, Optional.empty());
        D1.clearRequestCounts();

        client(Duration.ofSeconds(30))
                .run(
                        D1Statement.of("CREATE TABLE t (id INTEGER PRIMARY KEY)"),
                        D1Statement.of("INSERT INTO t VALUES (1)"));

        assertThat(D1.requestCounts().total())
                .as("3 refused, then the one served")
                .isEqualTo(4);
        D1Result rows = client(Duration.ofSeconds(30))
                .run(D1Statement.of("SELECT count(*) FROM t"))
                .get(0);
        assertThat(rows.text(0, 0)).isEqualTo("1");
    }

    @Test
    void aRateLimitIsWaitedOutAsRetryAfterSays() throws Exception {
        D1.failNext(2, 429, Optional.of(1));
        D1.clearRequestCounts();
        long started = System.nanoTime();

        D1Result result =
                client(Duration.ofSeconds(30)).run(D1Statement.of("SELECT 42")).get(0);

        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(result.text(0, 0)).isEqualTo("42");
        assertThat(D1.requestCounts().total()).isEqualTo(3);
        assertThat(waitedMs).as("two waits of Retry-After: 1 second").isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void aServiceThatKeepsFailingIsGivenUpAfterTheBudgetWithWhatToDo() throws Exception {
        D1.failNext(1_000, 429, Optional.empty());
        D1.clearRequestCounts();
        long started = System.nanoTime();

        assertThatThrownBy(() -> client(Duration.ofSeconds(3)).run(D1Statement.of("CREATE TABLE never (id INTEGER)")))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("kept failing for d1:DB: HTTP 429 (error 971: Please wait and consider"
                        + " throttling your request speed)")
                .hasMessageContaining("in 3 seconds of retries")
                .hasMessageContaining("run strata again")
                .hasMessageNotContaining(D1.apiToken());

        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMs).as("bounded by the budget").isLessThan(6_000);
        int attempts = D1.requestCounts().total();
        assertThat(attempts)
                .as("backoff: 200, 400, 800 ms ... not a tight loop")
                .isBetween(3, 6);
        D1.failNext(0, 503, Optional.empty());
        assertThat(client(Duration.ofSeconds(3))
                        .run(D1Statement.of("SELECT count(*) FROM sqlite_master WHERE name" + " = 'never'"))
                        .get(0)
                        .text(0, 0))
                .as("nothing was created")
                .isEqualTo("0");
    }

    @Test
    void aGatewayErrorWithoutCloudflaresEnvelopeIsRetriedToo() throws Exception {
        D1.failNext(1_000, 502, Optional.empty());

        assertThatThrownBy(() -> client(Duration.ofSeconds(1)).run(D1Statement.of("SELECT 1")))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("HTTP 502");
    }
}
