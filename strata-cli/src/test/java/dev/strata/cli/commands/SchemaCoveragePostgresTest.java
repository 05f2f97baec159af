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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dump --check, drift and check on PostgreSQL with what the model covers since (functions with
 * SQL-standard bodies, row-level security, grants) and what it does not (rules, event triggers).
 */
class SchemaCoveragePostgresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    String url;

    @BeforeEach
    void writeProject() throws IOException {
        Files.writeString(project.resolve("strata.toml"), """
                environment = "dev"

                [environments.dev]
                url = "${env.DATABASE_URL}"
                """);
        Files.createDirectories(project.resolve("migrations"));
        migration("0001_documents.sql", """
                CREATE TABLE z_documents (id integer PRIMARY KEY, body text NOT NULL);
                CREATE FUNCTION a_document_count() RETURNS bigint LANGUAGE sql STABLE
                    RETURN (SELECT count(*) FROM z_documents);
                ALTER TABLE z_documents ENABLE ROW LEVEL SECURITY;
                CREATE POLICY readable ON z_documents FOR SELECT USING (body <> '');
                GRANT SELECT ON z_documents TO PUBLIC;
                """);
        url = PostgresServer.newDatabaseUrl();
    }

    private void migration(String name, String sql) throws IOException {
        Files.writeString(project.resolve("migrations").resolve(name), sql);
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of("DATABASE_URL", url), args);
    }

    private void migrate() {
        CliRun migrate = strata("migrate");
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
    }

    @Test
    void dumpCheckLoadsTheFileAndFailsWhenItDoesNotLoad() throws IOException {
        migrate();
        assertThat(strata("dump", "--out", "schema.sql").exitCode()).isZero();
        CliRun loads = strata("dump", "--check", "schema.sql");
        assertThat(loads.exitCode()).as(loads.all()).isZero();
        assertThat(loads.out())
                .contains("OK: schema.sql matches the schema of")
                .contains("loads into an empty database");

        // A view that calls a function which reads the same view: a cycle no order of CREATEs resolves,
        // and one the writer does not break.
        migration("0002_cycle.sql", """
                CREATE VIEW totals AS SELECT 1 AS one;
                CREATE FUNCTION total_rows() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) FROM totals);
                CREATE OR REPLACE VIEW totals AS SELECT 1 AS one, total_rows() AS rows;
                """);
        migrate();
        assertThat(strata("dump", "--out", "schema.sql").exitCode()).isZero();

        CliRun check = strata("dump", "--check", "schema.sql");

        assertThat(check.exitCode()).as(check.all()).isEqualTo(1);
        assertThat(check.out())
                .contains("schema.sql:")
                .contains("does not load into an empty database")
                .contains("does not exist")
                .contains("schema.sql matches the schema of")
                .contains("but is no usable reference");
    }

    @Test
    void driftSeesPoliciesAndGrantsChangedByHand() throws IOException {
        migrate();
        assertThat(strata("drift").exitCode()).isZero();
        Jdbc.execute(url, "DROP POLICY readable ON z_documents");
        Jdbc.execute(url, "REVOKE SELECT ON z_documents FROM PUBLIC");
        Jdbc.execute(url, "ALTER TABLE z_documents DISABLE ROW LEVEL SECURITY");
        Jdbc.execute(url, "ALTER TABLE z_documents SET (fillfactor = 50)");

        CliRun drift = strata("drift");

        assertThat(drift.exitCode()).as(drift.all()).isEqualTo(1);
        assertThat(drift.out())
                .contains("changed table z_documents storage parameters: expected none, found fillfactor=50")
                .contains("changed table z_documents row level security: expected enabled, found off")
                .contains("missing policy z_documents.readable")
                .contains("missing grant SELECT on z_documents to PUBLIC");
    }

    @Test
    void dumpDriftAndCheckListWhatTheyDoNotCompare() throws IOException {
        migrate();
        Jdbc.execute(url, "CREATE RULE keep_documents AS ON DELETE TO z_documents DO INSTEAD NOTHING");

        CliRun drift = strata("drift");
        assertThat(drift.exitCode())
                .as("a rule made by hand is no drift strata can see")
                .isZero();
        assertThat(drift.out()).contains("No drift").contains("not compared: rule keep_documents on z_documents");
        JsonNode driftJson = JSON.readTree(strata("drift", "--json").out());
        assertThat(driftJson.get("notCompared").get(0).get("kind").asText()).isEqualTo("rule");
        assertThat(driftJson.get("notCompared").get(0).get("name").asText()).isEqualTo("keep_documents on z_documents");

        CliRun check = strata("check");
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("not compared: rule keep_documents on z_documents");
        assertThat(JSON.readTree(strata("check", "--json").out()).get("notCompared"))
                .hasSize(1);

        assertThat(strata("dump").out())
                .startsWith("-- not compared (not in this dump): rule keep_documents on z_documents\n");
    }
}
