package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata adopt} and what {@code status} shows before it, on a SQLite file dbmate managed. */
class AdoptCliTest {

    @TempDir
    Path project;

    private String url;

    @BeforeEach
    void dbmateDatabase() throws IOException {
        url = "sqlite:" + project.resolve("app.db");
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                project.resolve("migrations/20250101000000_a.sql"),
                "-- migrate:up\nCREATE TABLE a (id INT);\n-- migrate:down\nDROP TABLE a;\n");
        Files.writeString(
                project.resolve("migrations/20250102000000_b.sql"),
                "-- migrate:up\nCREATE TABLE b (id INT);\n-- migrate:down\nDROP TABLE b;\n");
        Jdbc.execute(url, "CREATE TABLE a (id INT)");
        Jdbc.execute(url, "create table schema_migrations (version varchar(128) primary key)");
        Jdbc.execute(url, "insert into schema_migrations (version) values ('20250101000000'), ('20241231000000')");
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    @Test
    void statusShowsTheOtherHistoryAndMigrateRefuses() throws IOException {
        CliRun status = strata("--url", url, "status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out())
                .contains("Found the history of dbmate (schema_migrations): 2 rows")
                .contains("Run 'strata adopt'")
                .containsPattern("20250101000000 +a +adoptable")
                .containsPattern("20250102000000 +b +pending")
                .contains("1 pending, 1 adoptable");
        JsonNode json = new ObjectMapper()
                .readTree(strata("--url", url, "status", "--json").out());
        assertThat(json.at("/adoptable/0/tool").asText()).isEqualTo("dbmate");
        assertThat(json.at("/migrations/0/state").asText()).isEqualTo("adoptable");

        CliRun migrate = strata("--url", url, "migrate");
        assertThat(migrate.exitCode()).isEqualTo(1);
        assertThat(migrate.err()).contains("holds the history of dbmate (schema_migrations) with 2 rows");
    }

    @Test
    void adoptReportsWhatItTookAndWhatItCouldNotMatch() throws IOException {
        CliRun dry = strata("--url", url, "adopt", "--dry-run");
        assertThat(dry.out())
                .contains("Would adopt 1 migration from dbmate (schema_migrations)")
                .contains("Dry run: nothing was recorded.");

        CliRun run = strata("--url", url, "adopt", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("tool").asText()).isEqualTo("dbmate");
        assertThat(json.get("duration_ms").asLong()).isNotNegative();
        assertThat(json.at("/adopted/0/version").asText()).isEqualTo("20250101000000");
        assertThat(json.at("/unmatched/0").asText()).contains("version 20241231000000");
        CliRun migrate = strata("--url", url, "migrate");
        assertThat(migrate.exitCode()).isZero();
        assertThat(migrate.out()).contains("Applied 1 migration");
    }

    @Test
    void unknownToolIsAUsageError() {
        CliRun run = strata("--url", url, "adopt", "--from", "liquibase");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--from liquibase: not a tool strata adopts from; use one of wrangler, sqlx");
    }
}
