package dev.strata.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.cli.CliRun;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dump, drift and check on a SQLite file with an FTS5 table kept up to date by triggers: the virtual
 * table is dumped, compared and checked like any table, and what the model does not describe is
 * listed as not compared.
 */
class SchemaCoverageSqliteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    @BeforeEach
    void writeMigrations() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_posts.sql"), """
                CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
                CREATE VIRTUAL TABLE posts_fts USING fts5(title, content='posts', content_rowid='id');
                CREATE TRIGGER posts_ai AFTER INSERT ON posts BEGIN
                    INSERT INTO posts_fts (rowid, title) VALUES (new.id, new.title);
                END;
                """);
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    private String db() {
        return "sqlite:" + project.resolve("strata.db");
    }

    private CliRun migrated(String... args) {
        CliRun migrate = strata("migrate");
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        return strata(args);
    }

    @Test
    void dumpKeepsTheFts5TableSoTheReloadedDatabaseTakesInserts() {
        CliRun dump = migrated("dump");

        assertThat(dump.exitCode()).as(dump.all()).isZero();
        assertThat(dump.out())
                .contains("CREATE VIRTUAL TABLE posts_fts USING fts5(")
                .doesNotContain("posts_fts_data")
                .doesNotContain("not compared");
        String copy = "sqlite:" + project.resolve("copy.db");
        for (String statement : dump.out().split(";\\n(?=\\n|$)")) {
            if (!statement.isBlank()) {
                Jdbc.execute(copy, statement);
            }
        }
        Jdbc.execute(copy, "INSERT INTO posts (title) VALUES ('searchable')");
        assertThat(Jdbc.count(copy, "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'searchable'"))
                .isEqualTo(1);
    }

    @Test
    void driftAndCheckReportADroppedFts5Table() throws IOException {
        assertThat(migrated("drift").exitCode()).isZero();
        Jdbc.execute(db(), "DROP TABLE posts_fts");

        CliRun drift = strata("drift");
        assertThat(drift.exitCode()).as(drift.all()).isEqualTo(1);
        assertThat(drift.out()).contains("missing virtual table posts_fts (using fts5)");

        CliRun check = strata("check");
        assertThat(check.exitCode()).as(check.all()).isEqualTo(1);
        assertThat(check.out())
                .contains("problem (missing): virtual table posts_fts is missing (created by 0001_posts)");

        JsonNode json = JSON.readTree(strata("check", "--json").out());
        assertThat(json.get("ok").asBoolean()).isFalse();
    }

    @Test
    void whatTheModelDoesNotDescribeIsListedByDumpDriftAndCheck() throws IOException {
        Files.writeString(project.resolve("migrations/0002_version.sql"), "PRAGMA user_version = 3;\n");
        CliRun drift = migrated("drift");
        Jdbc.execute(db(), "PRAGMA user_version = 4");

        assertThat(drift.out()).contains("No drift").contains("not compared: pragma user_version = 3");
        CliRun after = strata("drift");
        assertThat(after.exitCode())
                .as("drift can't see what it does not compare")
                .isZero();
        assertThat(after.out()).contains("not compared: pragma user_version = 4, pragma user_version = 3");

        JsonNode driftJson = JSON.readTree(strata("drift", "--json").out());
        assertThat(driftJson.get("notCompared").get(0).get("kind").asText()).isEqualTo("pragma");
        assertThat(driftJson.get("notCompared").get(0).get("name").asText()).isEqualTo("user_version = 4");

        CliRun check = strata("check");
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("not compared: pragma user_version = 4");
        JsonNode checkJson = JSON.readTree(strata("check", "--json").out());
        assertThat(checkJson.get("notCompared")).hasSize(2);

        assertThat(strata("dump").out()).startsWith("-- not compared (not in this dump): pragma user_version = 4\n");
        CliRun out = strata("dump", "--out", "schema.sql");
        assertThat(out.err()).contains("strata: not compared: pragma user_version = 4");
    }
}
