package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.D1Address;
import dev.strata.dialect.d1.D1Client;
import dev.strata.dialect.d1.D1Result;
import dev.strata.dialect.d1.D1Statement;
import dev.strata.dialect.d1.D1TestEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The conformance suite on remote D1: strata speaks Cloudflare's documented REST API to the test
 * endpoint, a Worker on real local D1 under the real {@code wrangler dev}. What does not apply to D1
 * is overridden below with the reason, and replaced by what D1 does instead.
 */
class D1ConformanceTest extends DialectConformanceTest {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("conformance");

    @Override
    protected String newDatabaseUrl(Path folder) {
        return "d1://" + D1.accountId() + "/" + D1.database("conformance").id();
    }

    @Override
    protected Map<String, String> environment() {
        return D1.environment();
    }

    @Override
    protected List<List<String>> query(String sql) {
        D1Client client = new D1Client(
                new D1Address(
                        D1.baseUrl(),
                        D1.accountId(),
                        D1.database("conformance").id(),
                        "d1_migrations",
                        Optional.empty()),
                D1.apiToken(),
                "test");
        D1Result result = client.run(D1Statement.of(sql)).get(0);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < result.rows().size(); i++) {
            List<String> row = new ArrayList<>();
            for (int j = 0; j < result.rows().get(i).size(); j++) {
                row.add(result.text(i, j));
            }
            rows.add(row);
        }
        return rows;
    }

    @Override
    protected void execute(String sql) {
        query(sql);
    }

    @Override
    protected String tableListQuery() {
        return "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'"
                + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
    }

    @Override
    protected AutoCloseable holdMigrationLock() {
        throw new UnsupportedOperationException("D1 has no lock");
    }

    @Override
    protected String waitingFor() {
        throw new UnsupportedOperationException("D1 has no lock");
    }

    // ---- what D1 does instead ----------------------------------------------------------------------

    @Override
    @Test
    @Disabled("D1 has no lock, so no run ever waits for another: each migration is one request whose first"
            + " statement is its history row, and a run that comes second fails on that key instead of waiting."
            + " dev.strata.dialect.d1.D1HistoryRaceTest makes that race happen and checks the report;"
            + " concurrentRunsApplyEachMigrationExactlyOnce runs it for real")
    void aRunThatMustWaitSaysSoAndThenFinishes() {}

    @Override
    @Test
    void aBeginCommitPairAroundTheFileIsTheMigrationsOwnTransaction() throws IOException {
        write("0001_wrapped.sql", "BEGIN;\nCREATE TABLE wrapped (id INTEGER PRIMARY KEY);\nCOMMIT;\n");

        // D1 refuses BEGIN and COMMIT outright, so a file written for D1 must not hold them (wrangler's would fail).
        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("d1-transaction-control");
        assertDatabaseEmpty();
    }

    private static final String VERIFY_REFUSED = "'-- strata:verify' is not run on remote D1 yet";

    /**
     * Why the verify tests can't run on D1: a verify query must see the migration's changes before they
     * commit, and roll them back on its result. D1 runs a migration as one request and answers only once
     * it has committed or rolled back, so no result can be read in between; and a request can't fail on a
     * query's result (SQLite's RAISE works only inside a trigger, which the migration would have to create
     * and drop in the same request on a production database). So strata refuses the directive on D1
     * while planning, which verifyChecksThatReturnNoRowsOrASingleTrueLetTheMigrationCommit checks.
     */
    private static final String VERIFY_CANT_RUN = "-- strata:verify can't run inside a D1 request and is refused while"
            + " planning (see VERIFY_CANT_RUN and verifyChecksThatReturnNoRowsOrASingleTrueLetTheMigrationCommit)";

    @Override
    @Test
    void verifyChecksThatReturnNoRowsOrASingleTrueLetTheMigrationCommit() throws IOException {
        write("0001_orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n-- strata:verify SELECT 1 WHERE 0\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("migrations/0001_orders.sql:2: " + VERIFY_REFUSED);
        assertDatabaseEmpty();
    }

    @Override
    @Test
    @Disabled(VERIFY_CANT_RUN)
    void aFailingVerifyRollsTheMigrationBackAndShowsTheFirstRowsWithTheDirectivesLine() {}

    @Override
    @Test
    @Disabled(VERIFY_CANT_RUN)
    void aSingleFalseFailsAVerify() {}

    @Override
    @Test
    @Disabled(VERIFY_CANT_RUN)
    void aVerifyThatDoesNotRunFailsWithItsLine() {}

    @Override
    @Test
    @Disabled(VERIFY_CANT_RUN)
    void aDownScriptsVerifyKeepsTheMigrationAppliedWhenItFails() {}

    @Test
    void aMigrationIsOneRequestAndARunAddsAConstantFew() throws Exception {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        for (int i = 2; i <= 10; i++) {
            write(
                    String.format("%04d_a.sql", i),
                    "INSERT INTO a VALUES (" + i + ");\nINSERT INTO a VALUES (" + -i + ");");
        }
        D1.clearRequestCounts();

        strata().migrate();

        assertThat(D1.requestCounts().total())
                .as("10 migrations on a fresh database")
                .isEqualTo(10 + 3);
        write("0011_a.sql", "INSERT INTO a VALUES (11);");
        D1.clearRequestCounts();
        strata().migrate();
        assertThat(D1.requestCounts().total())
                .as("1 migration on a database with history")
                .isEqualTo(1 + 2);
    }
}
