package dev.strata.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.engine.LintRequest;
import dev.strata.engine.MigrationListener;
import dev.strata.engine.MigrationRefusedException;
import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import dev.strata.lint.Severity;
import dev.strata.testing.Jdbc;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gate in front of migrate judges a finding about deleting rows by the rows that are there:
 * on the live database now, and inserted by the pending migrations before it. On both engines.
 */
class DataVerdictTest {

    @TempDir
    Path project;

    private final List<Finding> warned = new ArrayList<>();

    private Strata strata(String url) {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .listener(new MigrationListener() {
                    @Override
                    public void linted(Finding warning) {
                        warned.add(warning);
                    }
                })
                .load();
    }

    private LintReport lintPending(String url) {
        return strata(url).lint(new LintRequest(List.of(), true, true));
    }

    private void write(String file, String sql) throws IOException {
        MigrationFiles.write(project, file, sql);
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void aDropInTheHistoryAppliesOnAFreshDatabaseWhereTheTableIsEmpty(TestEngine engine) throws IOException {
        String url = engine.newDatabaseUrl(project);
        write("0001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n");
        write("0002_drop.sql", "DROP TABLE users;\n");

        LintReport lint = lintPending(url);
        assertThat(lint.hasErrors()).isFalse();
        assertThat(lint.findings())
                .filteredOn(f -> f.rule().equals("drop-table"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).endsWith("users is empty here, so no row is lost.");
                });

        assertThat(strata(url).migrate().applied()).hasSize(2);
        assertThat(warned).extracting(Finding::rule).contains("drop-table");
        assertThat(engine.tables(url)).doesNotContain("users");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void rowsThatAnEarlierPendingMigrationInsertsBlockTheDropAndAreCounted(TestEngine engine) throws IOException {
        String url = engine.newDatabaseUrl(project);
        write("0001_plans.sql", """
                CREATE TABLE plans (id INTEGER PRIMARY KEY, name TEXT);
                INSERT INTO plans (id, name) VALUES (1, 'free'), (2, 'pro'), (3, 'team');
                """);
        write("0002_drop.sql", "DROP TABLE plans;\n");

        LintReport lint = lintPending(url);
        assertThat(lint.errors()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("drop-table");
            assertThat(f.message()).endsWith("plans holds 3 rows here.");
        });
        assertThatThrownBy(() -> strata(url).migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("migrations/0002_drop.sql:1:12: drop-table:")
                .hasMessageContaining("plans holds 3 rows here.");
        assertThat(engine.tables(url)).doesNotContain("plans");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void theLiveRowsDecideOnADatabaseThatIsAlreadyInUse(TestEngine engine) throws IOException {
        String url = engine.newDatabaseUrl(project);
        write("0001_events.sql", "CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT, note TEXT);\n");
        strata(url).migrate();
        Jdbc.execute(url, "INSERT INTO events (id, kind) VALUES (1, 'a'), (2, 'b')");
        write("0002_clean.sql", """
                ALTER TABLE events DROP COLUMN note;
                DELETE FROM events;
                """);

        assertThatThrownBy(() -> strata(url).migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("drop-column")
                .hasMessageContaining("delete-without-where")
                .hasMessageContaining("events holds 2 rows here.");

        Jdbc.execute(url, "DELETE FROM events");
        assertThat(strata(url).migrate().applied()).hasSize(1);
        assertThat(warned)
                .extracting(Finding::rule, f -> f.message().endsWith("events is empty here, so no row is" + " lost."))
                .contains(
                        org.assertj.core.groups.Tuple.tuple("drop-column", true),
                        org.assertj.core.groups.Tuple.tuple("delete-without-where", true));
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void aTruncateOfATableThatEarlierMigrationsFilledAndAnotherEmptiedIsJudgedByWhatIsLeft(TestEngine engine)
            throws IOException {
        String url = engine.newDatabaseUrl(project);
        write("0001_jobs.sql", """
                CREATE TABLE jobs (id INTEGER PRIMARY KEY);
                INSERT INTO jobs (id) VALUES (1), (2);
                """);
        write("0002_done.sql", "DELETE FROM jobs WHERE id > 0;\n");
        write("0003_reset.sql", engine == TestEngine.POSTGRES ? "TRUNCATE jobs;\n" : "DELETE FROM jobs;\n");

        LintReport lint = lintPending(url);

        assertThat(lint.hasErrors()).isFalse();
        assertThat(lint.findings())
                .filteredOn(f -> f.destroys().isPresent())
                .singleElement()
                .satisfies(f -> assertThat(f.message()).endsWith("jobs is empty here, so no row is lost."));
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void aTableDroppedAndCreatedAgainWithoutACopyIsDataLossNotARebuild(TestEngine engine) throws IOException {
        String url = engine.newDatabaseUrl(project);
        write("0001_prices.sql", """
                CREATE TABLE prices (id INTEGER PRIMARY KEY, amount DECIMAL(12,4));
                INSERT INTO prices (id, amount) VALUES (1, 9.5);
                """);
        write("0002_again.sql", """
                DROP TABLE prices;
                CREATE TABLE prices (id INTEGER PRIMARY KEY, amount INTEGER);
                """);

        LintReport lint = lintPending(url);

        assertThat(lint.findings())
                .extracting(Finding::rule)
                .contains("drop-table")
                .doesNotContain("table-rebuild", "lossy-type-change");
        assertThat(lint.errors())
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("makes a new, empty one")
                        .endsWith("prices holds 1 row here."));
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void filesAtOrBelowLintSinceAreReportedButNeverBlock(TestEngine engine) throws IOException {
        String url = engine.newDatabaseUrl(project);
        write("0001_tags.sql", """
                CREATE TABLE tags (id INTEGER PRIMARY KEY);
                INSERT INTO tags (id) VALUES (1);
                """);
        write("0002_drop.sql", "DROP TABLE tags;\n");
        write("0003_drop_more.sql", "CREATE TABLE t3 (id INTEGER);\nINSERT INTO t3 VALUES (1);\n");
        write("0004_drop_more.sql", "DROP TABLE t3;\n");
        Files.writeString(project.resolve("strata.toml"), "[lint]\nsince = \"0002\"\n");

        LintReport lint = lintPending(url);

        assertThat(lint.findings())
                .filteredOn(f -> f.rule().equals("drop-table"))
                .extracting(Finding::file, Finding::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("migrations/0002_drop.sql", Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple("migrations/0004_drop_more.sql", Severity.ERROR));
        assertThat(lint.findings())
                .filteredOn(f -> f.file().endsWith("0002_drop.sql") && f.rule().equals("drop-table"))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .endsWith("It does not block: the file is at or below [lint]" + " since = \"0002\"."));
        assertThatThrownBy(() -> strata(url).migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("1 error");

        Files.delete(project.resolve("migrations/0004_drop_more.sql"));
        assertThat(strata(url).migrate().applied()).hasSize(3);
    }
}
