package dev.strata.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** pg-missing-lock-timeout knows when strata sets the lock timeout itself, and when it does not. */
class StrataLockTimeoutLintTest {

    private static final String SETUP = "CREATE TABLE users (id BIGINT PRIMARY KEY);";

    private static List<String> rules(boolean strataSetsLockTimeout, String sql) {
        LintSettings settings = new LintSettings(
                LintTarget.POSTGRES,
                Map.of(),
                false,
                Optional.empty(),
                LintSettings.DEFAULT_HISTORY_TABLES,
                strataSetsLockTimeout);
        return Lint.findings(settings, SETUP, sql).stream().map(Finding::rule).toList();
    }

    @Test
    void aMigrationInStrataTransactionNeedsNoSetWhenStrataSetsTheTimeout() {
        assertThat(rules(true, "ALTER TABLE users ADD COLUMN age INTEGER;")).doesNotContain("pg-missing-lock-timeout");
        assertThat(rules(false, "-- strata:lock-timeout 30s\nALTER TABLE users ADD COLUMN age INTEGER;"))
                .doesNotContain("pg-missing-lock-timeout");
    }

    @Test
    void itStillWarnsWhenTheTimeoutIsOffOrTheFileRunsOutsideStrataTransaction() {
        assertThat(rules(false, "ALTER TABLE users ADD COLUMN age INTEGER;")).contains("pg-missing-lock-timeout");
        assertThat(rules(true, "-- strata:lock-timeout off\nALTER TABLE users ADD COLUMN age INTEGER;"))
                .contains("pg-missing-lock-timeout");
        assertThat(rules(true, "-- strata:no-transaction\nALTER TABLE users ADD COLUMN age INTEGER;"))
                .contains("pg-missing-lock-timeout");
    }

    @Test
    void aPreconditionThatCannotBeSplitIsASyntaxErrorAtItsLine() {
        List<Finding> findings = Lint.findings(
                LintSettings.defaults(LintTarget.POSTGRES),
                SETUP,
                "SELECT 1;\n-- strata:require SELECT $$ -- never closed\n-- strata:require SELECT true\n");
        assertThat(findings)
                .filteredOn(f -> f.rule().equals("syntax"))
                .extracting(Finding::line)
                .containsExactly(2, 3);
    }
}
