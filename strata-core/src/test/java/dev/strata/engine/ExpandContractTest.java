package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.history.AppliedMigration;
import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import dev.strata.lint.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard that keeps {@code migrate} from running the contract half of an expand/contract pair with
 * its expand, how {@code status} shows the pair and how {@code lint} reads it. The directive is
 * engine-neutral, so this runs on a real SQLite file with hand-written halves.
 */
class ExpandContractTest {

    private static final String EXPAND =
            "ALTER TABLE users ADD COLUMN email TEXT;\n" + "UPDATE users SET email = mail WHERE email IS NULL;\n";
    private static final String CONTRACT =
            "-- Contract: drops mail.\n-- strata:contract-of 0002\n" + "ALTER TABLE users DROP COLUMN mail;\n";
    private static final String AFTER = "CREATE TABLE audit (id INTEGER PRIMARY KEY);\n";

    @TempDir
    Path project;

    @BeforeEach
    void folder() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        write(
                "0001_users.sql",
                "CREATE TABLE users (id INTEGER PRIMARY KEY, mail TEXT);\n"
                        + "INSERT INTO users VALUES (1, 'a@example.org');\n");
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(project.resolve("migrations").resolve(file), text);
    }

    private Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url("sqlite:" + project.resolve("app.db"))
                .environmentVariables(Map.of())
                .load();
    }

    private MigrateResult migrate(boolean contract) {
        return strata().migrate(new MigrateOptions(Optional.empty(), false, false, Optional.empty(), contract));
    }

    private void writePair() throws IOException {
        write("0002_users_email_expand.sql", EXPAND);
        write("0003_users_email_contract.sql", CONTRACT);
        write("0004_audit.sql", AFTER);
    }

    private static List<String> names(MigrateResult result) {
        return result.applied().stream().map(AppliedMigration::name).toList();
    }

    @Test
    void aNewDatabaseGetsTheWholeFolderContractsIncluded() throws IOException {
        writePair();

        MigrateResult result = migrate(false);

        assertThat(names(result)).containsExactly("users", "users_email_expand", "users_email_contract", "audit");
        assertThat(result.heldBack()).isEmpty();
    }

    @Test
    void theContractNeverRunsInTheSameRunAsItsExpandAndWaitsForContract() throws IOException {
        migrate(false);
        writePair();

        MigrateResult first = migrate(true);

        assertThat(names(first))
                .as("even --contract holds it back in its expand's run")
                .containsExactly("users_email_expand");
        assertThat(first.heldBack())
                .hasValue("0003_users_email_contract (and the 1 migration after it) is held back: it is the"
                        + " contract half of 0002_users_email_expand and drops the old column, which running"
                        + " applications may still use. It never runs in the same 'strata migrate' as its expand,"
                        + " even with --contract: deploy the application code that uses the new column after this"
                        + " run, then run 'strata migrate --contract'.");

        MigrateResult second = migrate(false);

        assertThat(names(second)).isEmpty();
        assertThat(second.heldBack())
                .hasValueSatisfying(message -> assertThat(message)
                        .endsWith("Once every running application reads and writes the new column, run 'strata"
                                + " migrate --contract'."));
        assertThat(strata().status().expanded()).hasSize(1);
        assertThat(strata().status().document())
                .containsEntry(
                        "expand_contract",
                        List.of(Map.of(
                                "expand",
                                "0002",
                                "contract",
                                "0003",
                                "name",
                                "users_email_contract",
                                "state",
                                "expanded")));

        MigrateResult third = migrate(true);

        assertThat(names(third)).containsExactly("users_email_contract", "audit");
        assertThat(third.heldBack()).isEmpty();
        assertThat(strata().status().pairs())
                .extracting(ExpandContract.PairStatus::state)
                .containsExactly(ExpandContract.PairState.CONTRACTED);
    }

    @Test
    void aDryRunSaysWhatWouldBeHeldBack() throws IOException {
        migrate(false);
        writePair();

        MigrateResult dry = strata().migrate(new MigrateOptions(Optional.empty(), true, false));

        assertThat(dry.planned()).extracting(step -> step.migration().name()).containsExactly("users_email_expand");
        assertThat(dry.heldBack()).isPresent();
    }

    @Test
    void aContractWhoseExpandIsNowhereIsRefused() throws IOException {
        migrate(false);
        write("0003_users_email_contract.sql", CONTRACT);

        assertThatThrownBy(() -> migrate(true))
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("0003_users_email_contract.sql: '-- strata:contract-of 0002' names the expand"
                        + " migration 0002, which is neither in the folder nor applied");
        write("0003_users_email_contract.sql", "-- strata:contract-of soon\nALTER TABLE users DROP COLUMN mail;\n");
        assertThatThrownBy(() -> migrate(true))
                .hasMessageContaining("'-- strata:contract-of' takes the version of the expand migration");
    }

    @Test
    void lintReadsTheCompletePairAsOneChangeAndReportsAContractAlone() throws IOException {
        writePair();

        LintReport paired = strata().lint(LintRequest.everything());

        assertThat(paired.findings())
                .filteredOn(f -> f.file().endsWith("0003_users_email_contract.sql"))
                .extracting(Finding::rule, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("drop-column", Severity.INFO));
        assertThat(paired.hasErrors()).isFalse();

        Files.delete(project.resolve("migrations/0002_users_email_expand.sql"));
        LintReport alone = strata().lint(LintRequest.everything());

        assertThat(alone.errors())
                .extracting(Finding::rule)
                .containsExactlyInAnyOrder("contract-without-expand", "drop-column");
        assertThat(alone.errors())
                .filteredOn(f -> f.rule().equals("contract-without-expand"))
                .singleElement()
                .satisfies(f -> assertThat(f.location()).endsWith("0003_users_email_contract.sql:2:1"));
    }
}
