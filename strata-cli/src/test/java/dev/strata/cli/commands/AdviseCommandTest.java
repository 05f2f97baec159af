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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata advise} from the command line: text, JSON, the written migration and exit codes. */
class AdviseCommandTest {

    private static final String SCHEMA = String.join(
            "\n",
            "CREATE TABLE instruments (id INTEGER PRIMARY KEY, symbol TEXT NOT NULL);",
            "CREATE TABLE market_data (id INTEGER PRIMARY KEY,",
            "    instrument_id INTEGER NOT NULL REFERENCES instruments (id), timestamp TEXT NOT NULL);",
            "CREATE INDEX ix_market_data_timestamp ON market_data (timestamp);",
            "CREATE INDEX ix_market_data_timestamp_instrument ON market_data (timestamp, instrument_id);",
            "");

    @TempDir
    Path project;

    private CliRun strata(String url, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--url";
        all[1] = url;
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(project, Map.of(), all);
    }

    private String migrated(String url) throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_schema.sql"), SCHEMA);
        assertThat(strata(url, "migrate").exitCode()).isZero();
        return url;
    }

    @Test
    void adviceIsPrintedAndExitsOne() throws IOException {
        String url = migrated("sqlite:" + project.resolve("app.db"));

        CliRun run = strata(url, "advise");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.out())
                .contains("redundant-prefix-index: ix_market_data_timestamp (timestamp) is made redundant by"
                        + " ix_market_data_timestamp_instrument (timestamp, instrument_id)")
                .contains("fix: DROP INDEX IF EXISTS ix_market_data_timestamp;")
                .contains("fk-without-index: The foreign key market_data (instrument_id) -> instruments")
                .contains("fix: CREATE INDEX ix_market_data_instrument_id ON market_data (instrument_id);")
                .contains("2 findings; 'strata advise --write-migration' writes 2 fixes as a new migration.");
    }

    @Test
    void writeMigrationWritesAReversibleMigrationThatMigrateApplies() throws IOException {
        String url = migrated("sqlite:" + project.resolve("app.db"));

        CliRun write = strata(url, "advise", "--write-migration");
        CliRun migrate = strata(url, "migrate");
        CliRun after = strata(url, "advise", "--json");

        assertThat(write.exitCode()).as(write.all()).isZero();
        assertThat(write.out()).contains("2 fixes written to migrations/0002_index_advice.up.sql");
        try (Stream<Path> files = Files.list(project.resolve("migrations"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .contains("0002_index_advice.up.sql", "0002_index_advice.down.sql");
        }
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        assertThat(after.exitCode()).as(after.all()).isZero();
        JsonNode json = new ObjectMapper().readTree(after.out());
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("findings")).isEmpty();
        assertThat(strata(url, "down").exitCode()).isZero();
        assertThat(strata(url, "advise").exitCode()).isEqualTo(1);
    }

    @Test
    void onPostgresTheJsonNamesUnusedIndexesAsAdvisory() throws IOException {
        String url = migrated(PostgresServer.newDatabaseUrl());

        CliRun run = strata(url, "advise", "--json");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("statistics_since").asText()).isNotEmpty();
        assertThat(json.get("findings").findValuesAsText("id"))
                .contains("redundant-prefix-index", "fk-without-index", "unused-index");
        json.get("findings").forEach(finding -> {
            if (finding.get("id").asText().equals("unused-index")) {
                assertThat(finding.get("automatic").asBoolean()).isFalse();
            }
        });
    }
}
