package dev.strata.lint;

import dev.strata.config.ConfigurationException;
import dev.strata.config.StrataConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a lint run judges: for which engine, with which severities, and whether warnings count as
 * errors.
 *
 * @param target the engine the migrations are written for
 * @param levels rule id to its severity; an empty value turns the rule off. Rules not listed keep
 *               their default severity
 * @param strict warnings count as errors (an environment with {@code lint = "strict"})
 * @param historyTables the tables that hold strata's history, lower case: the history table, its
 *               {@code _meta} table and, when strata keeps it, wrangler's {@code d1_migrations}
 */
public record LintSettings(LintTarget target, Map<String, Optional<Severity>> levels, boolean strict,
                           Set<String> historyTables) {

    /** The history's default names. */
    public static final Set<String> DEFAULT_HISTORY_TABLES = historyTables("strata_history", false);

    public LintSettings {
        Objects.requireNonNull(target, "target");
        levels = Map.copyOf(levels);
        historyTables = Set.copyOf(historyTables);
    }

    public LintSettings(LintTarget target, Map<String, Optional<Severity>> levels, boolean strict) {
        this(target, levels, strict, DEFAULT_HISTORY_TABLES);
    }

    /** The tables of a history named {@code table}, with wrangler's when strata keeps it in step. */
    public static Set<String> historyTables(String table, boolean d1Mirror) {
        String lower = table.toLowerCase(java.util.Locale.ROOT);
        return d1Mirror ? Set.of(lower, lower + "_meta", "d1_migrations") : Set.of(lower, lower + "_meta");
    }

    /** Every rule of the target at its default severity. */
    public static LintSettings defaults(LintTarget target) {
        return new LintSettings(target, Map.of(), false);
    }

    /**
     * From strata.toml's {@code [migrations] target}, {@code [lint]} and the environment's {@code lint}.
     *
     * @throws ConfigurationException when {@code [lint]} names a rule that does not exist
     */
    public static LintSettings from(StrataConfig config) {
        Map<String, Optional<Severity>> levels = new HashMap<>();
        config.lint().levels().forEach((id, level) -> {
            if (Rules.byId(id).isEmpty()) {
                throw new ConfigurationException(StrataConfig.CONFIG_FILE + ": [lint] " + id + " is not a lint rule;"
                        + " 'strata lint --rules' lists them (for example drop-table, missing-if-not-exists)");
            }
            levels.put(id, level.equals("off") ? Optional.empty() : Severity.parse(level));
        });
        return new LintSettings(LintTarget.of(config), levels, config.lint().strict(),
                historyTables(config.historyTable(), config.historyMirror() == dev.strata.config.HistoryMirror.D1));
    }

    public LintSettings withStrict(boolean value) {
        return new LintSettings(target, levels, value, historyTables);
    }

    /** Whether the rule runs at all: it applies to the target and is not turned off. */
    boolean enabled(Rule rule) {
        return rule.targets().contains(target) && levels.getOrDefault(rule.id(), Optional.of(Severity.INFO)).isPresent();
    }

    /** The finding with the severity these settings give its rule; empty when the rule is off. */
    Optional<Finding> judge(Finding finding) {
        Optional<Severity> level = levels.containsKey(finding.rule()) ? levels.get(finding.rule())
                : Optional.of(finding.severity());
        return level.map(severity -> finding.withSeverity(strict && severity == Severity.WARNING
                ? Severity.ERROR : severity));
    }
}
