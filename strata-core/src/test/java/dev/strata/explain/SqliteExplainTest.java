package dev.strata.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqliteExplainTest extends ExplainContractTest {

    @Override
    protected String newDatabaseUrl(Path folder) {
        return "sqlite:" + folder.resolve("app.db");
    }

    @Override
    protected String parameter() {
        return "?";
    }

    @Override
    protected void analyze() {
        // SQLite plans without statistics unless ANALYZE was run; the tests use its defaults.
    }

    @Test
    void anAliasedTableIsResolvedToItsName() throws IOException {
        Jdbc.execute(url, "CREATE INDEX ix_customers_email ON customers (email)");
        Files.writeString(
                project.resolve("q.sql"),
                "SELECT c.email FROM orders AS o JOIN customers c"
                        + " ON c.id = o.customer_id WHERE o.status = 'open';\n");

        ExplainReport report = dev.strata.Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load()
                .explain(Path.of("q.sql"), 1000);

        assertThat(report.queries().get(0).plan())
                .anySatisfy(step -> assertThat(step).contains("SCAN o"));
        assertThat(report.queries().get(0).fullScans()).singleElement().satisfies(scan -> {
            assertThat(scan.table()).isEqualTo("orders");
            assertThat(scan.suggestedIndex()).isEqualTo("CREATE INDEX ix_orders_status ON orders (status)");
        });
    }
}
