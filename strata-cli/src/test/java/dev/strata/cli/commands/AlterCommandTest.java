package dev.strata.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliRun;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** strata alter through the command line: the file it writes, its exit codes, and the data after migrate. */
class AlterCommandTest {

    @TempDir
    Path project;

    @BeforeEach
    void cctxLogSchema() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0000_initial_schema.sql"), """
                CREATE TABLE IF NOT EXISTS zetachain_cctx_log (
                    cctx_hash TEXT PRIMARY KEY NOT NULL,
                    source_chain TEXT NOT NULL,
                    destination_chain TEXT NOT NULL,
                    asset TEXT,
                    amount TEXT,
                    status TEXT DEFAULT 'pending',
                    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
                    updated_at DATETIME DEFAULT CURRENT_TIMESTAMP
                );
                CREATE INDEX IF NOT EXISTS idx_cctx_status ON zetachain_cctx_log(status);
                """);
        assertThat(strata("migrate").exitCode()).isZero();
        Jdbc.execute("sqlite:" + project.resolve("strata.db"), "INSERT INTO zetachain_cctx_log (cctx_hash,"
                + " source_chain, destination_chain, amount) VALUES ('h1', 'eth', 'zeta', '12.5'),"
                + " ('h2', 'btc', 'zeta', '3')");
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    @Test
    void writesTheMigrationSaysWhatItChangesAndMigrateAppliesIt() throws IOException {
        CliRun alter = strata("alter", "zetachain_cctx_log", "--type", "amount=REAL");

        assertThat(alter.exitCode()).as(alter.all()).isZero();
        assertThat(alter.out()).contains("Created migrations/0001_alter_zetachain_cctx_log_amount_type.sql")
                .contains("~ zetachain_cctx_log.amount type TEXT -> REAL")
                .contains("Review it, then run: strata migrate");
        assertThat(project.resolve("migrations/0001_alter_zetachain_cctx_log_amount_type.sql")).content()
                .contains("-- strata:foreign-keys off")
                .contains("INSERT INTO zetachain_cctx_log_new")
                .contains("CREATE INDEX IF NOT EXISTS idx_cctx_status ON zetachain_cctx_log (status)")
                .contains("-- strata:verify ");

        CliRun migrate = strata("migrate");
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        assertThat(Jdbc.query("sqlite:" + project.resolve("strata.db"),
                "SELECT typeof(amount) FROM zetachain_cctx_log ORDER BY cctx_hash"))
                .containsExactly(List.of("real"), List.of("real"));
    }

    @Test
    void jsonListsTheFilesAndChanges() {
        CliRun alter = strata("alter", "zetachain_cctx_log", "--soft-delete", "--name", "cctx soft delete", "--json");

        assertThat(alter.exitCode()).as(alter.all()).isZero();
        assertThat(alter.out()).contains("\"files\" : [ \"migrations/0001_cctx_soft_delete.sql\" ]")
                .contains("\"description\" : \"+ zetachain_cctx_log.deleted_at");
    }

    @Test
    void anUnknownColumnOrAMalformedOptionIsAUsageErrorAndWritesNothing() throws IOException {
        CliRun unknown = strata("alter", "zetachain_cctx_log", "--type", "amout=REAL");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("zetachain_cctx_log has no column amout; its columns: cctx_hash,");

        CliRun malformed = strata("alter", "zetachain_cctx_log", "--on-delete", "asset");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("--on-delete asset: expected COLUMN=ACTION");

        CliRun nothing = strata("alter", "zetachain_cctx_log");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("name at least one change");

        try (var files = Files.list(project.resolve("migrations"))) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void helpTeachesWithExamples() {
        CliRun help = strata("alter", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("without losing a row").contains("--on-delete=COLUMN=ACTION")
                .contains("strata alter zetachain_cctx_log --type amount=REAL");
    }
}
