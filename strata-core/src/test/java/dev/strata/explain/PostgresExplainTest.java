package dev.strata.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresExplainTest extends ExplainContractTest {

    @Override
    protected String newDatabaseUrl(Path folder) {
        return PostgresServer.newDatabaseUrl();
    }

    @Override
    protected String parameter() {
        return "$1";
    }

    @Override
    protected void analyze() {
        Jdbc.execute(url, "ANALYZE");
    }

    @Test
    void tablesOutsideTheCurrentSchemaAreNamedWithTheirSchema() throws IOException {
        Jdbc.execute(url, "CREATE SCHEMA billing");
        Jdbc.execute(
                url,
                "CREATE TABLE billing.invoices AS SELECT g AS id, g % 10 AS customer_id"
                        + " FROM generate_series(1, 3000) g");
        Jdbc.execute(url, "ANALYZE billing.invoices");
        Files.writeString(project.resolve("q.sql"), "SELECT * FROM billing.invoices i WHERE i.customer_id = 4;\n");

        ExplainReport report = dev.strata.Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load()
                .explain(Path.of("q.sql"), 1000);

        assertThat(report.queries().get(0).plan())
                .anySatisfy(step -> assertThat(step).contains("Seq Scan"));
        assertThat(report.queries().get(0).fullScans()).singleElement().satisfies(scan -> {
            assertThat(scan.table()).isEqualTo("billing.invoices");
            assertThat(scan.rows()).isEqualTo(3000);
            assertThat(scan.suggestedIndex())
                    .isEqualTo("CREATE INDEX ix_invoices_customer_id ON invoices (customer_id)");
        });
    }
}
