package dev.strata.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.cli.CliRun;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata explain} as a CI job runs it: text, JSON and exit codes, on both engines. */
class ExplainCommandTest {

    private static final String QUERIES = "-- the order page\n"
            + "SELECT * FROM orders WHERE customer_id = 42;\n"
            + "SELECT * FROM orders WHERE id = 7;\n";

    @TempDir
    Path project;

    private String ordersDatabase(String url) {
        Jdbc.execute(url, "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL)");
        StringBuilder insert = new StringBuilder("INSERT INTO orders (id, customer_id) VALUES (1, 1)");
        for (int i = 2; i <= 1500; i++) {
            insert.append(", (").append(i).append(", ").append(i % 40).append(")");
        }
        Jdbc.execute(url, insert.toString());
        return url;
    }

    @Test
    void aFullScanFailsTheRunNamingTheLineAndTheIndex() throws IOException {
        String url = ordersDatabase("sqlite:" + project.resolve("app.db"));
        Files.writeString(project.resolve("queries.sql"), QUERIES);

        CliRun run = CliRun.run(project, Map.of(), "--url", url, "explain", "queries.sql");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.out())
                .contains("error: queries.sql:2: SELECT * FROM orders WHERE customer_id = 42")
                .contains("SCAN orders")
                .contains("full scan of orders (1,500 rows, more than 1,000); an index would serve it:")
                .contains("CREATE INDEX ix_orders_customer_id ON orders (customer_id);")
                .contains("queries.sql:3: SELECT * FROM orders WHERE id = 7")
                .contains("2 queries planned; 1 finding.");
        assertThat(run.out()).doesNotContain("error: queries.sql:3");
    }

    @Test
    void aHigherLimitPassesAndJsonSaysSo() throws IOException {
        String url = ordersDatabase("sqlite:" + project.resolve("app.db"));
        Files.writeString(project.resolve("queries.sql"), QUERIES);

        CliRun run = CliRun.run(
                project, Map.of(), "--url", url, "explain", "queries.sql", "--max-scan-rows", "5000", "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("max_scan_rows").asLong()).isEqualTo(5000);
        JsonNode scan = json.get("queries").get(0).get("full_scans").get(0);
        assertThat(scan.get("table").asText()).isEqualTo("orders");
        assertThat(scan.get("rows").asLong()).isEqualTo(1500);
        assertThat(scan.get("over_limit").asBoolean()).isFalse();
        assertThat(scan.get("suggested_index").asText())
                .isEqualTo("CREATE INDEX ix_orders_customer_id ON orders (customer_id)");
        assertThat(json.get("queries").get(1).get("line").asInt()).isEqualTo(3);
    }

    @Test
    void onPostgresTheSameFileFailsTheSameWay() throws IOException {
        String url = ordersDatabase(PostgresServer.newDatabaseUrl());
        Jdbc.execute(url, "ANALYZE orders");
        Files.writeString(project.resolve("queries.sql"), QUERIES);

        CliRun run = CliRun.run(project, Map.of(), "--url", url, "explain", "queries.sql");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.out())
                .contains("error: queries.sql:2:")
                .contains("Seq Scan on orders")
                .contains("CREATE INDEX ix_orders_customer_id ON orders (customer_id);");
    }

    @Test
    void aMissingFileIsAUsageError() {
        CliRun run =
                CliRun.run(project, Map.of(), "--url", "sqlite:" + project.resolve("app.db"), "explain", "nope.sql");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("strata: nope.sql: no such file");
    }
}
