package dev.strata.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.ConfigurationException;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata explain} on a live database of each engine: a table of 2,000 orders without an
 * index on what the queries filter, and a small table that may be scanned.
 */
abstract class ExplainContractTest {

    @TempDir
    Path project;

    String url;

    /** A fresh, empty database of the engine under test. */
    protected abstract String newDatabaseUrl(Path folder);

    /** A parameter placeholder as this engine writes it. */
    protected abstract String parameter();

    /** Makes the planner's statistics current, where the engine keeps any. */
    protected abstract void analyze();

    @BeforeEach
    void orders() {
        url = newDatabaseUrl(project);
        Jdbc.execute(url, "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL)");
        Jdbc.execute(
                url,
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL,"
                        + " status TEXT NOT NULL, created_at TEXT NOT NULL)");
        Jdbc.execute(url, "INSERT INTO customers (id, email) VALUES (1, 'a@example.com'), (2, 'b@example.com')");
        StringBuilder insert = new StringBuilder("INSERT INTO orders (id, customer_id, status, created_at) VALUES ");
        for (int i = 1; i <= 2000; i++) {
            insert.append(i == 1 ? "" : ", ")
                    .append("(")
                    .append(i)
                    .append(", ")
                    .append(i % 50)
                    .append(", '")
                    .append(i % 7 == 0 ? "open" : "closed")
                    .append("', '2025-01-")
                    .append(10 + i % 20)
                    .append("')");
        }
        Jdbc.execute(url, insert.toString());
        analyze();
    }

    private ExplainReport explain(String queries, long maxScanRows) throws IOException {
        Files.writeString(project.resolve("queries.sql"), queries);
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load()
                .explain(Path.of("queries.sql"), maxScanRows);
    }

    @Test
    void aFullScanOfALargeTableIsAFindingWithTheIndexThatWouldServeIt() throws IOException {
        ExplainReport report = explain(
                "-- the order page\n"
                        + "SELECT * FROM orders WHERE customer_id = 42;\n"
                        + "\n"
                        + "SELECT o.id FROM orders o\n"
                        + "  WHERE o.status = 'open' AND o.created_at > '2025-01-15';\n",
                1000);

        assertThat(report.ok()).isFalse();
        assertThat(report.findings()).isEqualTo(2);
        ExplainedQuery first = report.queries().get(0);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.plan()).isNotEmpty();
        assertThat(first.fullScans()).singleElement().satisfies(scan -> {
            assertThat(scan.table()).isEqualTo("orders");
            assertThat(scan.rows()).isEqualTo(2000);
            assertThat(scan.overLimit()).isTrue();
            assertThat(scan.suggestedIndex()).isEqualTo("CREATE INDEX ix_orders_customer_id ON orders (customer_id)");
        });
        ExplainedQuery second = report.queries().get(1);
        assertThat(second.line()).isEqualTo(4);
        assertThat(second.fullScans())
                .singleElement()
                .extracting(TableScan::suggestedIndex)
                .isEqualTo("CREATE INDEX ix_orders_status_created_at ON orders (status, created_at)");
    }

    @Test
    void theSuggestedIndexEndsTheFinding() throws IOException {
        Jdbc.execute(url, "CREATE INDEX ix_orders_customer_id ON orders (customer_id)");
        analyze();

        ExplainReport report = explain("SELECT * FROM orders WHERE customer_id = 42;\n", 1000);

        assertThat(report.ok()).as(report.queries().get(0).plan().toString()).isTrue();
        assertThat(report.queries().get(0).fullScans()).isEmpty();
    }

    @Test
    void aScanOfATableAtOrBelowTheLimitIsShownButAccepted() throws IOException {
        ExplainReport report = explain(
                "SELECT * FROM customers WHERE email = 'a@example.com';\n"
                        + "SELECT * FROM orders WHERE status = 'open';\n",
                2000);

        assertThat(report.ok()).isTrue();
        assertThat(report.queries().get(1).fullScans()).singleElement().satisfies(scan -> {
            assertThat(scan.overLimit()).isFalse();
            assertThat(scan.rows()).isEqualTo(2000);
        });
    }

    @Test
    void queriesWithParametersArePlanned() throws IOException {
        ExplainReport report = explain("SELECT id FROM orders WHERE customer_id = " + parameter() + ";\n", 1000);

        assertThat(report.queries()).singleElement().satisfies(query -> {
            assertThat(query.error()).isNull();
            assertThat(query.fullScans())
                    .singleElement()
                    .extracting(TableScan::table)
                    .isEqualTo("orders");
        });
    }

    @Test
    void updatesAndDeletesArePlannedButNeverRun() throws IOException {
        ExplainReport report = explain(
                "UPDATE orders SET status = 'void' WHERE created_at < '2025-01-12';\n"
                        + "DELETE FROM orders WHERE customer_id = 3;\n",
                1000);

        assertThat(report.queries())
                .hasSize(2)
                .allSatisfy(query -> assertThat(query.hasFinding()).isTrue());
        assertThat(report.queries().get(0).fullScans().get(0).suggestedIndex())
                .isEqualTo("CREATE INDEX ix_orders_created_at ON orders (created_at)");
        assertThat(Jdbc.count(url, "SELECT count(*) FROM orders")).isEqualTo(2000);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM orders WHERE status = 'void'"))
                .isZero();
    }

    @Test
    void aQueryTheEngineCannotPlanIsAFindingWithItsMessage() throws IOException {
        ExplainReport report = explain("SELECT * FROM no_such_table;\n", 1000);

        assertThat(report.ok()).isFalse();
        assertThat(report.queries().get(0).error()).containsIgnoringCase("no_such_table");
    }

    @Test
    void statementsThatAreNotQueriesAreSkippedWithTheirLine() throws IOException {
        ExplainReport report = explain("CREATE INDEX ix_x ON orders (status);\nSELECT 1;\n", 1000);

        assertThat(report.skipped()).containsExactly("queries.sql:1: CREATE INDEX ix_x ON orders (status)");
        assertThat(report.queries()).hasSize(1);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM orders WHERE status = 'x'"))
                .isZero();
    }

    @Test
    void aMissingFileOrANegativeLimitIsAUsageError() {
        Strata strata = Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();

        assertThatThrownBy(() -> strata.explain(Path.of("nope.sql"), 1000))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("nope.sql: no such file");
        assertThatThrownBy(() -> strata.explain(Path.of("nope.sql"), -1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--max-scan-rows -1");
    }
}
