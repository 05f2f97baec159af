package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate --single-transaction} as the command runs it: exit codes, messages, --json. */
class SingleTransactionCliTest {

    @TempDir
    Path project;

    private void write(String file, String sql) throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations").resolve(file), sql);
    }

    @Test
    void aNoTransactionFileRefusesTheRunWithExitOneAndCreatesNothing() throws IOException {
        write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
        write("0002_outside.sql", "-- strata:no-transaction\nCREATE TABLE u (id INTEGER);\n");

        CliRun run = CliRun.run(project, Map.of(), "--url", "sqlite:app.db", "migrate", "--single-transaction");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("strata: nothing was applied")
                .contains("migrations/0002_outside.sql: --single-transaction applies every pending migration in one"
                        + " transaction, but it is marked to run outside a transaction")
                .doesNotContain("\tat ");
        assertThat(project.resolve("app.db")).doesNotExist();
    }

    @Test
    void jsonAndTheLastLineSayTheRunWasOneTransaction() throws IOException {
        write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
        write("0002_u.sql", "CREATE TABLE u (id INTEGER PRIMARY KEY);\n");

        CliRun dry =
                CliRun.run(project, Map.of(), "--url", "sqlite:app.db", "migrate", "--single-transaction", "--dry-run");
        CliRun json =
                CliRun.run(project, Map.of(), "--url", "sqlite:app.db", "migrate", "--single-transaction", "--json");

        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).contains("2 migrations would be applied to", "in one transaction (all or none)");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"single_transaction\" : true").contains("\"version\" : \"0002\"");
    }
}
