package dev.strata.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Findings that were false, or missing, on the migration folders of real projects, read from the
 * statements alone on each engine. The same cases on the shadow database are in ShadowLintTest.
 */
class RealHistoryFindingsTest {

    private static final String PARENTS = """
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT);
            CREATE TABLE IF NOT EXISTS groups (id INTEGER PRIMARY KEY, name TEXT);
            """;

    @ParameterizedTest
    @EnumSource(
            value = LintTarget.class,
            names = {"SQLITE", "POSTGRES"})
    void dropTableIfExistsOfATableNoMigrationCreatedDropsNothing(LintTarget target) {
        assertThat(Lint.rules(target, PARENTS, "DROP TABLE IF EXISTS legacy_sessions;"))
                .doesNotContain("drop-table");
        assertThat(Lint.rules(target, PARENTS, "DROP TABLE IF EXISTS groups;")).contains("drop-table");
    }

    @ParameterizedTest
    @EnumSource(
            value = LintTarget.class,
            names = {"SQLITE", "POSTGRES"})
    void aCompositePrimaryKeyIndexesItsLeadingColumn(LintTarget target) {
        String members = """
                CREATE TABLE IF NOT EXISTS members (
                    user_id INTEGER NOT NULL REFERENCES users (id),
                    group_id INTEGER NOT NULL REFERENCES groups (id),
                    PRIMARY KEY (user_id, group_id)
                );
                """;
        List<Finding> findings = Lint.findings(target, PARENTS, members);

        // The key's first column is indexed by it; the second is not, and that finding is true.
        assertThat(findings)
                .filteredOn(f -> f.rule().equals("fk-without-index"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("(group_id)"));
    }

    @ParameterizedTest
    @EnumSource(
            value = LintTarget.class,
            names = {"SQLITE", "POSTGRES"})
    void theNewTableOfARebuildIsIndexedUnderItsFinalName(LintTarget target) {
        String setup = PARENTS + "CREATE TABLE IF NOT EXISTS posts (id INTEGER PRIMARY KEY, author INTEGER);\n";
        String rebuild = """
                CREATE TABLE posts_new (id INTEGER PRIMARY KEY, author INTEGER REFERENCES users (id));
                INSERT INTO posts_new (id, author) SELECT id, author FROM posts;
                DROP TABLE posts;
                ALTER TABLE posts_new RENAME TO posts;
                CREATE INDEX ix_posts_author ON posts (author);
                """;

        assertThat(Lint.rules(target, setup, rebuild)).doesNotContain("fk-without-index");
        assertThat(Lint.rules(target, setup, rebuild.replace("CREATE INDEX ix_posts_author ON posts (author);", "")))
                .contains("fk-without-index");
    }

    @ParameterizedTest
    @EnumSource(
            value = LintTarget.class,
            names = {"SQLITE", "POSTGRES"})
    void theBackfillOfAColumnAddedInTheSameFileOverwritesNothing(LintTarget target) {
        String file = """
                ALTER TABLE users ADD COLUMN plan TEXT;
                UPDATE users SET plan = 'free';
                """;
        assertThat(Lint.rules(target, PARENTS, file)).doesNotContain("update-without-where");
        assertThat(Lint.rules(target, PARENTS, file + "UPDATE users SET plan = 'pro', email = NULL;\n"))
                .contains("update-without-where");
    }

    @ParameterizedTest
    @EnumSource(
            value = LintTarget.class,
            names = {"SQLITE", "POSTGRES"})
    void missingIfNotExistsIsOptInExceptOnImportBaselines(LintTarget target) {
        String plain = "CREATE TABLE t (id INTEGER);\nCREATE INDEX ix_t ON t (id);\n";
        assertThat(Lint.rules(target, "", plain)).doesNotContain("missing-if-not-exists");

        String baseline =
                "-- Imported from schema.sql by strata import. DROP statements were left out and every\n" + plain;
        assertThat(Lint.rules(target, "", baseline)).containsOnly("missing-if-not-exists");

        LintSettings optedIn =
                new LintSettings(target, Map.of("missing-if-not-exists", Optional.of(Severity.WARNING)), false);
        assertThat(Lint.findings(optedIn, "", plain)).extracting(Finding::rule).containsOnly("missing-if-not-exists");
    }

    @ParameterizedTest
    @EnumSource(
            value = LintTarget.class,
            names = {"SQLITE", "POSTGRES"})
    void theCascadeMessageSpeaksOfRebuildsOnlyWhereTablesAreRebuilt(LintTarget target) {
        String sessions = "CREATE TABLE IF NOT EXISTS sessions (id INTEGER PRIMARY KEY,"
                + " user_id INTEGER REFERENCES users (id) ON DELETE CASCADE);\n";

        assertThat(Lint.findings(target, PARENTS, sessions))
                .filteredOn(f -> f.rule().equals("cascade-delete"))
                .singleElement()
                .satisfies(f -> {
                    if (target == LintTarget.POSTGRES) {
                        assertThat(f.message()).doesNotContain("rebuild");
                    } else {
                        assertThat(f.message()).contains("a rebuild of users");
                    }
                });
    }

    @ParameterizedTest
    @EnumSource(
            value = LintTarget.class,
            names = {"SQLITE", "POSTGRES"})
    void aTableDroppedAndCreatedAgainWithoutACopyLosesEveryRow(LintTarget target) {
        String recreate = """
                DROP TABLE groups;
                CREATE TABLE groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL, rank INTEGER);
                """;
        List<Finding> findings = Lint.findings(target, PARENTS, recreate);

        assertThat(findings)
                .extracting(Finding::rule)
                .contains("drop-table")
                .doesNotContain("table-rebuild", "lossy-type-change");
        assertThat(findings)
                .filteredOn(f -> f.rule().equals("drop-table"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("new, empty one"));
    }
}
