package dev.strata.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lints SQL given as strings, the way a test wants to: earlier migrations first, then the file. */
final class Lint {

    private Lint() {}

    /** Lints {@code sql} as 0002_change.sql after {@code setup} as 0001_setup.sql. */
    static List<Finding> findings(LintTarget target, String setup, String sql) {
        return findings(LintSettings.defaults(target), setup, sql);
    }

    static List<Finding> findings(LintSettings settings, String setup, String sql) {
        List<LintSource> earlier = new ArrayList<>();
        if (!setup.isBlank()) {
            earlier.add(new LintSource("migrations/0001_setup.sql", setup));
        }
        return new Linter(settings)
                .lint(Optional.empty(), earlier, List.of(new LintSource("migrations/0002_change.sql", sql)))
                .findings();
    }

    static List<String> rules(LintTarget target, String setup, String sql) {
        return findings(target, setup, sql).stream().map(Finding::rule).toList();
    }
}
