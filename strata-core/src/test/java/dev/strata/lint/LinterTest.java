package dev.strata.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.ConfigurationException;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.LintConfig;
import dev.strata.config.StrataConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The linter's machinery around the rules: positions, allow comments, settings, rebuilds. */
class LinterTest {

    private static final String USERS = """
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT);
            CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, user_id INTEGER, amount TEXT, status TEXT);
            CREATE INDEX IF NOT EXISTS ix_orders_status ON orders (status);
            """;

    @Test
    void findingPointsAtTheTokenWithRuleSeverityMessageAndFix() {
        List<Finding> findings = Lint.findings(LintTarget.SQLITE, USERS, "-- tidy up\n\n  DROP TABLE\n    users;\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("drop-table");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.file()).isEqualTo("migrations/0002_change.sql");
            assertThat(f.line()).isEqualTo(4);
            assertThat(f.column()).isEqualTo(5);
            assertThat(f.message()).contains("users").contains("every row");
            assertThat(f.fix()).contains("later release");
        });
    }

    @Test
    void allowOnTheLineBeforeSilencesThatStatementOnly() {
        String sql = """
                -- strata:allow drop-table the archive job copied it to cold storage in 2024
                DROP TABLE users;
                DROP TABLE orders;
                """;
        List<Finding> findings = Lint.findings(LintTarget.SQLITE, USERS, sql);

        assertThat(findings)
                .extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("drop-table", 3));
    }

    @Test
    void allowFileInTheHeaderCoversTheWholeFileAndListsMayNameSeveralRules() {
        String sql = """
                -- strata:allow-file drop-table,delete-without-where staging reset script, never run in prod
                DELETE FROM orders;
                DROP TABLE users;
                """;
        assertThat(Lint.findings(LintTarget.SQLITE, USERS, sql)).isEmpty();
    }

    @Test
    void allowWithoutReasonIsAnErrorAndAllowsNothing() {
        String sql = "-- strata:allow drop-table\nDROP TABLE users;\n";
        List<Finding> findings = Lint.findings(LintTarget.SQLITE, USERS, sql);

        assertThat(findings).extracting(Finding::rule).containsExactlyInAnyOrder("allow-without-reason", "drop-table");
        assertThat(findings)
                .filteredOn(f -> f.rule().equals("allow-without-reason"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.line()).isEqualTo(1);
                    assertThat(f.message()).contains("gives no reason");
                });
    }

    @Test
    void allowNamingNoRuleOrAnUnknownRuleOrStandingLateIsAnError() {
        assertThat(Lint.rules(LintTarget.SQLITE, USERS, "-- strata:allow\nSELECT 1;"))
                .containsExactly("allow-without-reason");
        assertThat(Lint.rules(LintTarget.SQLITE, USERS, "-- strata:allow drop-tabel typo here\nDROP TABLE users;"))
                .containsExactlyInAnyOrder("allow-unknown-rule", "drop-table");
        assertThat(Lint.rules(
                        LintTarget.SQLITE,
                        USERS,
                        "SELECT 1;\n-- strata:allow-file drop-table too late here\nDROP TABLE users;"))
                .containsExactlyInAnyOrder("allow-misplaced", "drop-table");
        assertThat(Lint.rules(LintTarget.SQLITE, USERS, "SELECT 1;\n-- strata:allow drop-table nothing follows\n"))
                .containsExactly("allow-misplaced");
    }

    /** Migrate refuses these files whatever lint is told, so lint may not be told to pass them. */
    @Test
    void aRuleWhoseFilesMigrateRefusesCanBeNeitherAllowedNorTurnedDown() {
        String unclosed = "BEGIN;\nUPDATE users SET name = 'x' WHERE id = 1;\n";
        List<Finding> allowed = Lint.findings(
                LintTarget.POSTGRES, USERS, "-- strata:allow unclosed-transaction we commit later\n" + unclosed);

        assertThat(allowed)
                .extracting(Finding::rule)
                .containsExactlyInAnyOrder("allow-without-effect", "unclosed-transaction");
        assertThat(allowed)
                .filteredOn(f -> f.rule().equals("unclosed-transaction"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.allowable()).isFalse();
                });
        assertThat(
                        Lint.rules(
                                LintTarget.SQLITE,
                                USERS,
                                "-- strata:allow-file needs-no-transaction,drop-table both on purpose\nVACUUM;\nDROP TABLE users;"))
                .as("the other rule of the same comment is still allowed")
                .containsExactlyInAnyOrder("allow-without-effect", "needs-no-transaction");

        for (String level : List.of("warning", "info", "off")) {
            assertThatThrownBy(() -> LintSettings.from(
                            config(Optional.empty(), new LintConfig(Map.of("transaction-control", level), false))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("[lint] transaction-control = \"" + level + "\": migrate refuses a file");
        }
        assertThat(LintSettings.from(
                        config(Optional.empty(), new LintConfig(Map.of("transaction-control", "error"), false))))
                .isNotNull();
    }

    /** [lint] since keeps old files from blocking, but not a file that migrate refuses anyway. */
    @Test
    void sinceLowersErrorsButNotThoseOfAFileMigrateRefuses() {
        Linter linter = new Linter(new LintSettings(LintTarget.POSTGRES, Map.of(), false));
        Linter.Run run = linter.start(Optional.empty());
        run.next(new LintSource("migrations/0001_setup.sql", USERS), false, Optional.empty());
        run.next(
                new LintSource("migrations/0002_old.sql", "BEGIN;\nDROP TABLE users;\n"),
                true,
                Optional.empty(),
                RowsHere.UNKNOWN,
                Optional.of("It does not block: the file is at or below [lint] since = \"0002\"."));

        assertThat(run.finish(List.of()).findings())
                .extracting(Finding::rule, Finding::severity)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("drop-table", Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple("unclosed-transaction", Severity.ERROR));
    }

    @Test
    void settingsChangeSeverityTurnRulesOffAndStrictMakesWarningsErrors() {
        String sql = "DROP TABLE users;\nCREATE TABLE t (id INTEGER);\nUPDATE orders SET status = 'x';";
        LintSettings settings = new LintSettings(
                LintTarget.SQLITE,
                Map.of("drop-table", Optional.of(Severity.WARNING), "missing-if-not-exists", Optional.empty()),
                false);

        assertThat(Lint.findings(settings, USERS, sql))
                .extracting(Finding::rule, Finding::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("drop-table", Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple("update-without-where", Severity.WARNING));
        assertThat(Lint.findings(settings.withStrict(true), USERS, sql))
                .extracting(Finding::severity)
                .containsOnly(Severity.ERROR);
    }

    @Test
    void settingsComeFromStrataTomlAndRejectUnknownRules() {
        StrataConfig config = config(Optional.of("d1"), new LintConfig(Map.of("drop-table", "off"), true));
        LintSettings settings = LintSettings.from(config);

        assertThat(settings.target()).isEqualTo(LintTarget.D1);
        assertThat(settings.strict()).isTrue();
        assertThat(Lint.findings(settings, USERS, "DROP TABLE users;")).isEmpty();
        assertThatThrownBy(() ->
                        LintSettings.from(config(Optional.empty(), new LintConfig(Map.of("drop-tabel", "off"), false))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[lint] drop-tabel is not a lint rule");
    }

    private static StrataConfig config(Optional<String> target, LintConfig lint) {
        DatabaseUrl url = new DatabaseUrl(
                DatabaseUrl.Engine.SQLITE,
                "jdbc:sqlite::memory:",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "sqlite::memory:");
        return new StrataConfig(
                Path.of("."),
                Path.of("migrations"),
                url,
                "--url",
                Optional.empty(),
                "strata_history",
                Optional.empty(),
                dev.strata.config.EnvironmentSettings.NONE,
                java.util.List.of(),
                Optional.empty(),
                dev.strata.config.HistoryMirror.NONE,
                target,
                lint);
    }

    @Test
    void aFileThatCannotBeSplitIsOneSyntaxErrorWithItsPosition() {
        List<Finding> findings = Lint.findings(LintTarget.SQLITE, "", "SELECT 1;\nSELECT 'oops;\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("syntax");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.column()).isEqualTo(8);
            assertThat(f.message()).contains("unterminated string literal");
        });
    }

    @Test
    void tablesCreatedInEarlierMigrationsAreExistingOnesLaterOnly() {
        String create = "CREATE TABLE IF NOT EXISTS t (id INTEGER);\n";
        assertThat(Lint.rules(LintTarget.SQLITE, "", create + "DELETE FROM t;")).doesNotContain("delete-without-where");
        assertThat(Lint.rules(LintTarget.SQLITE, create, "DELETE FROM t;")).contains("delete-without-where");
    }

    @Test
    void aRebuildIsReportedAsTheColumnChangeItMakesNotAsADrop() {
        String rebuild = """
                CREATE TABLE orders_new (id INTEGER PRIMARY KEY, user_id INTEGER, amount REAL, status TEXT);
                INSERT INTO orders_new (id, user_id, amount, status)
                SELECT id, user_id, CAST(amount AS REAL), status FROM orders;
                DROP TABLE orders;
                ALTER TABLE orders_new RENAME TO orders;
                CREATE INDEX IF NOT EXISTS ix_orders_status ON orders (status);
                """;
        List<Finding> findings = Lint.findings(LintTarget.SQLITE, USERS, rebuild);

        assertThat(findings)
                .extracting(Finding::rule)
                .containsExactlyInAnyOrder("table-rebuild", "lossy-type-change")
                .doesNotContain("drop-table", "rename-table", "missing-if-not-exists");
        assertThat(findings)
                .filteredOn(f -> f.rule().equals("table-rebuild"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("column amount type TEXT -> REAL"));
        assertThat(findings)
                .filteredOn(f -> f.rule().equals("lossy-type-change"))
                .singleElement()
                .satisfies(f -> assertThat(f.line()).isEqualTo(1));
    }

    @Test
    void aRebuildThatRenamesTheOldTableFirstIsRecognisedToo() {
        String rebuild = """
                ALTER TABLE orders RENAME TO orders_old;
                CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, amount TEXT, status TEXT NOT NULL);
                INSERT INTO orders SELECT * FROM orders_old;
                DROP TABLE orders_old;
                CREATE INDEX IF NOT EXISTS ix_orders_status ON orders (status);
                """;
        assertThat(Lint.rules(LintTarget.SQLITE, USERS, rebuild)).containsExactly("table-rebuild");
    }

    @Test
    void aRebuildWithoutTheCopyIsADrop() {
        String noCopy = """
                CREATE TABLE orders_new (id INTEGER PRIMARY KEY, amount REAL);
                DROP TABLE orders;
                ALTER TABLE orders_new RENAME TO orders;
                """;
        assertThat(Lint.rules(LintTarget.SQLITE, USERS, noCopy))
                .contains("drop-table")
                .doesNotContain("table-rebuild");
    }

    @Test
    void aRebuildThatForgetsTheIndexesOrHasCascadingChildrenIsReported() {
        String setup = USERS + "CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY,"
                + " order_id INTEGER REFERENCES orders (id) ON DELETE CASCADE);\n";
        String rebuild = """
                CREATE TABLE orders_new (id INTEGER PRIMARY KEY, user_id INTEGER, amount TEXT, status TEXT);
                INSERT INTO orders_new SELECT * FROM orders;
                DROP TABLE orders;
                ALTER TABLE orders_new RENAME TO orders;
                """;
        List<Finding> findings = Lint.findings(LintTarget.D1, setup, rebuild);

        assertThat(findings)
                .extracting(Finding::rule)
                .contains("rebuild-drops-indexes", "rebuild-with-cascade-children");
        assertThat(findings)
                .filteredOn(f -> f.rule().equals("rebuild-with-cascade-children"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.line()).isEqualTo(3);
                    assertThat(f.message()).contains("items");
                });
        assertThat(findings)
                .filteredOn(f -> f.rule().equals("rebuild-drops-indexes"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("ix_orders_status"));
    }

    @Test
    void aD1RebuildIsWarnedAboutOnlyWhenTheCountedTableIsLarge() {
        String rebuild = """
                CREATE TABLE orders_new (id INTEGER PRIMARY KEY, user_id INTEGER, amount TEXT, status TEXT);
                INSERT INTO orders_new SELECT * FROM orders;
                DROP TABLE orders;
                ALTER TABLE orders_new RENAME TO orders;
                CREATE INDEX IF NOT EXISTS ix_orders_status ON orders (status);
                """;
        java.util.function.Function<RowsHere, List<Finding>> lintWith = rows -> {
            Linter.Run run = new Linter(LintSettings.defaults(LintTarget.D1)).start(Optional.empty());
            run.next(new LintSource("migrations/0001_setup.sql", USERS), false, Optional.empty());
            run.next(
                    new LintSource("migrations/0002_change.sql", rebuild),
                    true,
                    Optional.empty(),
                    rows,
                    Optional.empty());
            return run.finish(List.of()).findings();
        };

        assertThat(lintWith.apply(table -> java.util.OptionalLong.of(250_000)))
                .filteredOn(f -> f.rule().equals("d1-long-rebuild"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.line()).isEqualTo(3);
                    assertThat(f.message())
                            .contains("D1 stops a query after 30 seconds")
                            .contains("orders holds 250,000 rows here");
                });
        assertThat(lintWith.apply(table -> java.util.OptionalLong.of(99_999)))
                .extracting(Finding::rule)
                .doesNotContain("d1-long-rebuild");
        assertThat(lintWith.apply(RowsHere.UNKNOWN))
                .as("not counted: nothing to say")
                .extracting(Finding::rule)
                .doesNotContain("d1-long-rebuild");
        assertThat(Lint.rules(LintTarget.SQLITE, USERS, rebuild)).doesNotContain("d1-long-rebuild");
    }

    @Test
    void aNotNullColumnWithoutDefaultIsJudgedByTheRowsOnPostgres() {
        String add = "ALTER TABLE users ADD COLUMN plan TEXT NOT NULL;\n";
        java.util.function.BiFunction<LintTarget, RowsHere, Finding> lintWith = (target, rows) -> {
            Linter.Run run = new Linter(LintSettings.defaults(target)).start(Optional.empty());
            run.next(new LintSource("migrations/0001_setup.sql", USERS), false, Optional.empty());
            run.next(new LintSource("migrations/0002_plan.sql", add), true, Optional.empty(), rows, Optional.empty());
            return run.finish(List.of()).findings().stream()
                    .filter(f -> f.rule().equals("not-null-without-default"))
                    .findFirst()
                    .orElseThrow();
        };

        assertThat(lintWith.apply(LintTarget.POSTGRES, table -> java.util.OptionalLong.of(12_345)))
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.message()).contains("users holds 12,345 rows here");
                });
        assertThat(lintWith.apply(LintTarget.POSTGRES, table -> java.util.OptionalLong.of(0)))
                .satisfies(f -> {
                    assertThat(f.severity())
                            .as("an empty table takes the column: nothing blocks")
                            .isEqualTo(Severity.WARNING);
                    assertThat(f.message()).contains("users is empty here, so the statement succeeds");
                });
        assertThat(lintWith.apply(LintTarget.POSTGRES, RowsHere.UNKNOWN).severity())
                .as("not counted: as written")
                .isEqualTo(Severity.ERROR);
        assertThat(lintWith.apply(LintTarget.SQLITE, table -> java.util.OptionalLong.of(0)))
                .as("SQLite refuses it on" + " an empty table too")
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.message())
                            .contains("is refused by SQLite, even while users is empty")
                            .doesNotContain("empty here");
                });
        assertThat(lintWith.apply(LintTarget.POSTGRES, RowsHere.UNKNOWN).message())
                .as("on PostgreSQL the message speaks of PostgreSQL's rule only")
                .contains("fails as soon as users holds a row")
                .doesNotContain("SQLite");
        assertThat(RowsHere.tablesAtRisk(new LintSource("0002_plan.sql", add), LintTarget.POSTGRES))
                .containsExactly("users");
        assertThat(RowsHere.tablesAtRisk(
                        new LintSource(
                                "0002_plan.sql", "ALTER TABLE users ADD COLUMN plan TEXT NOT NULL DEFAULT 'free';"),
                        LintTarget.POSTGRES))
                .as("a DEFAULT fills every row: nothing to count")
                .isEmpty();
        assertThat(RowsHere.tablesAtRisk(new LintSource("0002_plan.sql", add), LintTarget.SQLITE))
                .isEmpty();
    }

    @Test
    void aRebuildAfterTheFilesOwnForeignKeysOffOutsideATransactionCascadesNothing() {
        String setup = USERS + "CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY,"
                + " order_id INTEGER REFERENCES orders (id) ON DELETE CASCADE);\n";
        String rebuild = """
                CREATE TABLE orders_new (id INTEGER PRIMARY KEY, user_id INTEGER, amount TEXT, status TEXT);
                INSERT INTO orders_new SELECT * FROM orders;
                DROP TABLE orders;
                ALTER TABLE orders_new RENAME TO orders;
                CREATE INDEX IF NOT EXISTS ix_orders_status ON orders (status);
                """;
        // The file runs as written, outside strata's transaction: the pragma holds while the old table goes.
        assertThat(Lint.rules(
                        LintTarget.SQLITE,
                        setup,
                        "PRAGMA foreign_keys=OFF;\nBEGIN;\n" + rebuild + "COMMIT;\nPRAGMA foreign_keys=ON;\n"))
                .doesNotContain("rebuild-with-cascade-children");
        // Near misses: inside strata's transaction, or inside the file's own, SQLite ignores the pragma.
        assertThat(Lint.rules(LintTarget.SQLITE, setup, "PRAGMA foreign_keys=OFF;\n" + rebuild))
                .contains("rebuild-with-cascade-children");
        assertThat(Lint.rules(LintTarget.SQLITE, setup, "BEGIN;\nPRAGMA foreign_keys=OFF;\n" + rebuild + "COMMIT;\n"))
                .contains("rebuild-with-cascade-children");
        // Turned on again before the drop: the cascade fires.
        assertThat(Lint.rules(
                        LintTarget.SQLITE,
                        setup,
                        "PRAGMA foreign_keys=OFF;\nPRAGMA foreign_keys=ON;\nBEGIN;\n" + rebuild + "COMMIT;\n"))
                .contains("rebuild-with-cascade-children");
    }

    @Test
    void aRebuildWhoseChildrenRestrictDeletesIsNoCascadeError() {
        String setup = USERS + "CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY,"
                + " order_id INTEGER REFERENCES orders (id) ON DELETE RESTRICT);\n";
        String rebuild = """
                CREATE TABLE orders_new (id INTEGER PRIMARY KEY, user_id INTEGER, amount TEXT, status TEXT);
                INSERT INTO orders_new SELECT * FROM orders;
                DROP TABLE orders;
                ALTER TABLE orders_new RENAME TO orders;
                CREATE INDEX IF NOT EXISTS ix_orders_status ON orders (status);
                """;
        assertThat(Lint.rules(LintTarget.D1, setup, rebuild)).containsExactly("table-rebuild");
    }

    @Test
    void everyRuleIdIsUniqueAndKebabCase() {
        List<String> ids = Rules.all().stream().map(Rule::id).toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
        assertThat(Rules.all()).allSatisfy(rule -> assertThat(rule.summary()).isNotBlank());
    }
}
