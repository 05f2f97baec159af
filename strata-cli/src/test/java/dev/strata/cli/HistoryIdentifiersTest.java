package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The history table's name and schema come from strata.toml and end up in SQL. Hostile names are
 * refused before any database is opened; names that are valid but reserved or mixed-case work,
 * because every dialect quotes them.
 */
class HistoryIdentifiersTest {

    /** 59 characters: "<table>_meta" would pass PostgreSQL's 63 and be cut to the table's own name. */
    private static final String TOO_LONG_TABLE = "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh";

    @TempDir
    Path project;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "x\"; DROP TABLE users; --",
                "strata history",
                "1history",
                "ström",
                "hist-ory",
                "a.b",
                "\"quoted\"",
                "x'y",
                "",
                TOO_LONG_TABLE
            })
    void hostileHistoryTableNamesAreRefusedBeforeAnythingIsOpened(String name) throws IOException {
        assertThat(TOO_LONG_TABLE).hasSize(59);
        writeProject("[migrations]\ntable = \"" + tomlEscape(name) + "\"\n");

        CliRun run = CliRun.run(project, Map.of(), "--url", "sqlite:app.db", "migrate");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err())
                .contains("strata.toml: [migrations] table: ")
                .contains("is not a plain identifier")
                .contains("use 1 to 58 letters, digits or _");
        assertThat(project.resolve("app.db")).as("nothing was opened").doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"public; DROP SCHEMA public", "ops.history", "Ops\"", "1ops", "o ps"})
    void hostileSchemaNamesAreRefusedBeforeAnythingIsOpened(String name) throws IOException {
        writeProject("[migrations]\nschema = \"" + tomlEscape(name) + "\"\n");

        // An unreachable server: the refusal must come before any attempt to connect.
        CliRun run = CliRun.run(project, Map.of(), "--url", "postgres://app@127.0.0.1:1/app", "migrate");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("strata.toml: [migrations] schema: ").contains("is not a plain identifier");
    }

    /** Names the engines keep for themselves: SQLite refuses sqlite_* tables only when it creates one. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite_history", "SQLITE_master", "pg_history", "information_schema"})
    void engineReservedTableNamesAreRefusedBeforeAnythingIsOpened(String name) throws IOException {
        writeProject("[migrations]\ntable = \"" + name + "\"\n");

        CliRun run = CliRun.run(project, Map.of(), "--url", "sqlite:app.db", "migrate");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err())
                .contains("strata.toml: [migrations] table: '" + name + "'")
                .contains("is a name the database engines reserve");
        assertThat(project.resolve("app.db")).as("nothing was opened").doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg_catalog", "pg_temp", "pg_toast", "PG_Anything", "information_schema"})
    void engineReservedSchemaNamesAreRefusedBeforeAnythingIsOpened(String name) throws IOException {
        writeProject("[migrations]\nschema = \"" + name + "\"\n");

        CliRun run = CliRun.run(project, Map.of(), "--url", "postgres://app@127.0.0.1:1/app", "migrate");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err())
                .contains("strata.toml: [migrations] schema: '" + name + "'")
                .contains("is a name the database engines reserve");
    }

    @Test
    void reservedAndMixedCaseTableNamesWorkOnSqliteBecauseTheyAreQuoted() throws IOException {
        for (String table : List.of("order", "select", "User", "group", "h".repeat(58))) {
            Path dir = Files.createDirectories(project.resolve(table));
            String url = "sqlite:" + dir.resolve("app.db");
            roundTrip(dir, "[migrations]\ntable = \"" + table + "\"\n", url);
            assertThat(Jdbc.query(url, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
                    .extracting(row -> row.get(0))
                    .contains(table, table + "_meta")
                    .doesNotContain("strata_history");
        }
    }

    @Test
    void reservedAndMixedCaseNamesWorkOnPostgresBecauseTheyAreQuoted() throws IOException {
        List<List<String>> cases = List.of(
                List.of("order", "select"),
                List.of("User", "Ops"),
                List.of("h".repeat(58), "s".repeat(63)),
                List.of("group", "public"));
        for (List<String> names : cases) {
            Path dir = Files.createDirectories(project.resolve("case-" + cases.indexOf(names)));
            String url = PostgresServer.newDatabaseUrl();
            roundTrip(dir, "[migrations]\ntable = \"" + names.get(0) + "\"\nschema = \"" + names.get(1) + "\"\n", url);
            assertThat(Jdbc.query(
                            url,
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + names.get(1)
                                    + "' ORDER BY 1"))
                    .extracting(row -> row.get(0))
                    .contains(names.get(0), names.get(0) + "_meta");
        }
    }

    /** migrate, status, down and migrate again all work, and the user's table comes and goes. */
    private static void roundTrip(Path dir, String toml, String url) throws IOException {
        Files.writeString(dir.resolve("strata.toml"), toml);
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("0001_users.up.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
        Files.writeString(migrations.resolve("0001_users.down.sql"), "DROP TABLE users;\n");
        for (String command : List.of("migrate", "status", "down", "migrate")) {
            CliRun run = CliRun.run(dir, Map.of(), "--url", url, command);
            assertThat(run.exitCode()).as(toml + command + "\n" + run.all()).isZero();
        }
        CliRun status = CliRun.run(dir, Map.of(), "--url", url, "status");
        assertThat(status.out()).contains("0001", "applied");
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM users")).isZero();
    }

    private void writeProject(String toml) throws IOException {
        Files.writeString(project.resolve("strata.toml"), toml);
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_users.sql"), "CREATE TABLE users (id INTEGER);\n");
    }

    private static String tomlEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
