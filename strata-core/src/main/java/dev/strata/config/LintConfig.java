package dev.strata.config;

import dev.strata.source.Version;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The linter's settings as strata.toml gives them.
 *
 * @param levels rule id to {@code error}, {@code warning}, {@code info} or {@code off}, from {@code [lint]};
 *               the linter checks that each id names a rule
 * @param strict the environment in use says {@code lint = "strict"}: warnings count as errors
 * @param since  {@code [lint] since = "VERSION"}: files at or below that version are linted and
 *               reported but never block {@code migrate} (they already ran where it matters)
 */
public record LintConfig(Map<String, String> levels, boolean strict, Optional<Version> since) {

    public static final LintConfig DEFAULT = new LintConfig(Map.of(), false);

    public LintConfig {
        levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }

    public LintConfig(Map<String, String> levels, boolean strict) {
        this(levels, strict, Optional.empty());
    }
}
