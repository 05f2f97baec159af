package dev.strata.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The linter's settings as strata.toml gives them.
 *
 * @param levels rule id to {@code error}, {@code warning}, {@code info} or {@code off}, from {@code [lint]};
 *               the linter checks that each id names a rule
 * @param strict the environment in use says {@code lint = "strict"}: warnings count as errors
 */
public record LintConfig(Map<String, String> levels, boolean strict) {

    public static final LintConfig DEFAULT = new LintConfig(Map.of(), false);

    public LintConfig {
        levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }
}
