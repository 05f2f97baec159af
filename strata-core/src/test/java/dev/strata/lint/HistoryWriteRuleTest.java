package dev.strata.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code history-write} rule: every way of writing strata's history is an error, reading it is not. */
class HistoryWriteRuleTest {

    private static List<String> rules(LintTarget target, String sql) {
        return Lint.rules(target, "", sql);
    }

    @Test
    void everyWriteOfTheHistoryOrItsFormatTableIsAnError() {
        for (String sql : List.of(
                "DELETE FROM strata_history WHERE version = '0003';",
                "UPDATE strata_history SET checksum = 'x';",
                "INSERT INTO strata_history (version) VALUES ('9');",
                "REPLACE INTO strata_history (version) VALUES ('9');",
                "INSERT OR REPLACE INTO \"strata_history\" (version) VALUES ('9');",
                "UPDATE strata_history_meta SET format_version = 2;",
                "DROP TABLE IF EXISTS strata_history;",
                "ALTER TABLE strata_history ADD COLUMN x TEXT;",
                "CREATE TRIGGER t AFTER INSERT ON users BEGIN DELETE FROM STRATA_HISTORY; END;",
                "CREATE TRIGGER t AFTER INSERT ON strata_history BEGIN SELECT 1; END;")) {
            assertThat(rules(LintTarget.SQLITE, sql)).as(sql).contains("history-write");
        }
        for (String sql : List.of(
                "TRUNCATE strata_history;",
                "DELETE FROM ONLY public.strata_history;",
                "DO $$ BEGIN DELETE FROM strata_history WHERE version = '1'; END $$;",
                "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $f$ UPDATE strata_history_meta SET format_version = 9 $f$;")) {
            assertThat(rules(LintTarget.POSTGRES, sql)).as(sql).contains("history-write");
        }
    }

    @Test
    void readingTheHistoryOrNamingItInAStringIsFine() {
        for (String sql : List.of(
                "SELECT * FROM strata_history;",
                "CREATE VIEW applied AS SELECT version FROM strata_history;",
                "INSERT INTO users (id, email) VALUES (1, 'DELETE FROM strata_history');",
                "UPDATE users SET name = 'x' WHERE id IN (SELECT installed_rank FROM strata_history);")) {
            assertThat(rules(LintTarget.SQLITE, sql)).as(sql).doesNotContain("history-write");
        }
    }

    @Test
    void followsTheConfiguredTableAndWranglersTableWhenStrataKeepsIt() {
        LintSettings settings = new LintSettings(
                LintTarget.D1,
                Map.of(),
                false,
                java.util.Optional.empty(),
                LintSettings.historyTables("app_history", true));
        assertThat(Lint.findings(settings, "", "DELETE FROM d1_migrations;"))
                .extracting(Finding::rule)
                .contains("history-write");
        assertThat(Lint.findings(settings, "", "UPDATE App_History_Meta SET format_version = 1;"))
                .extracting(Finding::rule)
                .contains("history-write");
        assertThat(Lint.findings(settings, "", "DELETE FROM strata_history;"))
                .extracting(Finding::rule)
                .doesNotContain("history-write");
        assertThat(Lint.findings(LintSettings.defaults(LintTarget.D1), "", "DELETE FROM d1_migrations;"))
                .extracting(Finding::rule)
                .doesNotContain("history-write");
    }

    @Test
    void theFindingSaysWhyAndPointsAtTheTable() {
        Finding finding = Lint.findings(LintTarget.SQLITE, "", "SELECT 1;\nDELETE FROM strata_history;").stream()
                .filter(f -> f.rule().equals("history-write"))
                .findFirst()
                .orElseThrow();
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.line()).isEqualTo(2);
        assertThat(finding.column()).isEqualTo(13);
        assertThat(finding.message()).contains("strata_history belongs to strata");
        assertThat(finding.fix()).contains("strata down").contains("strata repair");
    }
}
