package dev.strata.dialect.d1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.D1Address;
import dev.strata.explain.ExplainReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata explain} on remote D1, through the test endpoint (the real wrangler dev, real local
 * D1): the plan comes from D1's own {@code EXPLAIN QUERY PLAN}, full scans of large tables are
 * found with the index that would serve them, and an UPDATE is planned, never run.
 */
class D1ExplainTest {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("shop");

    @TempDir
    Path project;

    private Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url("d1:DB")
                .environmentVariables(D1.environment())
                .load();
    }

    @BeforeEach
    void ordersOnD1() throws IOException {
        Files.writeString(
                project.resolve("wrangler.toml"),
                "name = \"app\"\n\n[[d1_databases]]\nbinding = \"DB\"\n" + "database_name = \"shop\"\ndatabase_id = \""
                        + D1.database("shop").id() + "\"\n");
        Path dir = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(dir.resolve("0001_orders.sql"), """
                CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
                CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, status TEXT NOT NULL);
                INSERT INTO orders (id, customer_id, status) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL
                    SELECT i + 1 FROM n WHERE i < 2000) SELECT i, i % 7, 'open' FROM n;
                """);
        strata().migrate();
    }

    @Test
    void aFullScanOnD1IsFoundWithTheIndexThatWouldServeIt() throws IOException {
        Files.writeString(
                project.resolve("q.sql"),
                "SELECT c.email FROM orders AS o JOIN customers c"
                        + " ON c.id = o.customer_id WHERE o.status = 'open';\n");

        ExplainReport report = strata().explain(Path.of("q.sql"), 1000);

        assertThat(report.queries().get(0).plan())
                .anySatisfy(step -> assertThat(step).contains("SCAN o"));
        assertThat(report.queries().get(0).fullScans()).singleElement().satisfies(scan -> {
            assertThat(scan.table()).isEqualTo("orders");
            assertThat(scan.suggestedIndex()).isEqualTo("CREATE INDEX ix_orders_status ON orders (status)");
        });
    }

    @Test
    void aQueryWithParametersIsOneFindingWithD1sMessage() throws IOException {
        Files.writeString(project.resolve("q.sql"), "SELECT id FROM orders WHERE status = ?;\n");

        ExplainReport report = strata().explain(Path.of("q.sql"), 1000);

        // D1 takes no statement with unbound parameters (a file binds them to NULL), so D1's own
        // message is the query's finding rather than a plan.
        assertThat(
                        report.queries().get(0).plan().isEmpty()
                                ? report.queries().get(0).error()
                                : "planned")
                .isNotNull();
    }

    @Test
    void anUpdateIsPlannedButNeverRun() throws IOException {
        Files.writeString(project.resolve("q.sql"), "UPDATE orders SET status = 'void' WHERE status = 'open';\n");

        ExplainReport report = strata().explain(Path.of("q.sql"), 1000);

        assertThat(report.queries().get(0).fullScans())
                .singleElement()
                .satisfies(scan -> assertThat(scan.table()).isEqualTo("orders"));
        assertThat(scalar("SELECT count(*) FROM orders WHERE status = 'void'"))
                .as("planned, never run")
                .isEqualTo("0");
    }

    private static String scalar(String sql) {
        D1Client client = new D1Client(
                new D1Address(
                        D1.baseUrl(), D1.accountId(), D1.database("shop").id(), "d1_migrations", Optional.empty()),
                D1.apiToken(),
                "test");
        return client.run(D1Statement.of(sql)).get(0).text(0, 0);
    }
}
