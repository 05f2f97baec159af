package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata inspect} through the command line: the table, --top, --json and a bad --top. */
class InspectCliTest {

    @TempDir
    Path project;

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    @Test
    void theBiggestTablesComeFirstWithTheirSizesAndJsonListsThemAll() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                project.resolve("migrations/0001_events.sql"),
                "CREATE TABLE events (id INTEGER PRIMARY KEY, body TEXT);\nCREATE INDEX ix_body ON events (body);\n"
                        + "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n");
        assertThat(strata("migrate").exitCode()).isZero();
        Jdbc.execute(
                "sqlite:" + project.resolve("strata.db"),
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                        + " INSERT INTO events SELECT i, hex(randomblob(30)) FROM n");

        CliRun text = strata("inspect", "--top", "1");
        CliRun json = strata("inspect", "--json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .containsPattern("events\\s+3000\\s+[0-9.]+ KB")
                .contains("... and 3 more tables (--top 4 or --json shows all)", "ix_body", "no index use")
                .doesNotContain("tags  ");
        assertThat(json.out()).contains("\"name\" : \"tags\"", "\"scans\" : null");
        CliRun bad = strata("inspect", "--top", "0");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--top 0: give 1 or more.");
    }
}
