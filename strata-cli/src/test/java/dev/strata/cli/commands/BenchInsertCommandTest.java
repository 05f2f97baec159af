package dev.strata.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.cli.CliRun;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata bench-insert} from the command line; no assertion is about speed. */
class BenchInsertCommandTest {

    @TempDir
    Path project;

    private String migrated(String url) throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                project.resolve("migrations/0001_schema.sql"),
                String.join(
                        "\n",
                        "CREATE TABLE market_data (id INTEGER PRIMARY KEY, instrument_id INTEGER NOT NULL,",
                        "    timestamp TEXT NOT NULL, price REAL);",
                        "CREATE INDEX ix_market_data_timestamp ON market_data (timestamp);",
                        "CREATE INDEX ix_market_data_timestamp_instrument ON market_data (timestamp, instrument_id);",
                        ""));
        assertThat(CliRun.run(project, Map.of(), "--url", url, "migrate").exitCode())
                .isZero();
        return url;
    }

    @Test
    void printsRowsPerSecondWithAndWithoutTheNamedIndex() throws IOException {
        String url = migrated("sqlite:" + project.resolve("app.db"));

        CliRun run = CliRun.run(
                project,
                Map.of(),
                "--url",
                url,
                "bench-insert",
                "market_data",
                "--rows",
                "1000",
                "--without-index",
                "ix_market_data_timestamp");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out())
                .contains("Table market_data of SQLite database sqlite:" + project.resolve("app.db"))
                .contains("1,000 generated rows per run, 3 runs of each")
                .containsPattern("with its 2 indexes +[0-9,]+ rows/s")
                .containsPattern("without ix_market_data_timestamp +[0-9,]+ rows/s +[+-][0-9]+\\.[0-9]%");
    }

    @Test
    void jsonOnPostgres() throws IOException {
        String url = migrated(PostgresServer.newDatabaseUrl());

        CliRun run = CliRun.run(
                project,
                Map.of(),
                "--url",
                url,
                "bench-insert",
                "market_data",
                "--rows",
                "500",
                "--without-index",
                "ix_market_data_timestamp",
                "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("table").asText()).isEqualTo("market_data");
        assertThat(json.get("with").get("indexes")).hasSize(2);
        assertThat(json.get("without").get("indexes_left_out").get(0).asText()).isEqualTo("ix_market_data_timestamp");
        assertThat(json.get("with").get("rows_per_second").asLong()).isPositive();
        assertThat(json.get("without").get("rows_per_second").asLong()).isPositive();
        assertThat(json.has("difference_percent")).isTrue();
    }

    @Test
    void anUnknownIndexIsAUsageError() throws IOException {
        String url = migrated("sqlite:" + project.resolve("app.db"));

        CliRun run = CliRun.run(
                project, Map.of(), "--url", url, "bench-insert", "market_data", "--without-index", "ix_nope");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--without-index ix_nope: no such index on market_data");
    }
}
