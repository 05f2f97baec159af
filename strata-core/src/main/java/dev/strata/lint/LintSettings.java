package dev.strata.lint;

import dev.strata.config.ConfigurationException;
import dev.strata.config.StrataConfig;
import dev.strata.source.Version;
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
 * @param since  migrations at or below this version are linted and reported, but never block
 * @param historyTables the tables that hold strata's history, lower case: the history table, its
 *               {@code _meta} table and, when strata keeps it, wrangler's {@code d1_migrations}
 * @param strataSetsLockTimeout strata sets a lock timeout for each migration in its transaction
 *               ({@code lock_timeout} is not {@code "off"}), so such a file needs no SET lock_timeout
 */
public record LintSettings(
        LintTarget target,
        Map<String, Optional<Severity>> levels,
        boolean strict,
        Optional<Version> since,
        Set<String> historyTables,
        boolean strataSetsLockTimeout) {

    /** The history's default names. */
    public static final Set<String> DEFAULT_HISTORY_TABLES = historyTables("strata_history", false);

    public LintSettings {
        Objects.requireNonNull(target, "target");
        levels = Map.copyOf(levels);
        Objects.requireNonNull(since, "since");
        historyTables = Set.copyOf(historyTables);
    }

    /** Without a strata.toml to say so, the linter does not count on strata setting a lock timeout. */
    public LintSettings(
            LintTarget target,
            Map<String, Optional<Severity>> levels,
            boolean strict,
            Optional<Version> since,
            Set<String> historyTables) {
        this(target, levels, strict, since, historyTables, false);
    }

    public LintSettings(LintTarget target, Map<String, Optional<Severity>> levels, boolean strict) {
        this(target, levels, strict, Optional.empty(), DEFAULT_HISTORY_TABLES);
    }

    /** The tables of a history named {@code table}, with wrangler's when strata keeps it in step. */
    public static Set<String> historyTables(String table, boolean d1Mirror) {
        String lower = table.toLowerCase(java.util.Locale.ROOT);
        return d1Mirror
                ? Set.of(lower, lower + "_meta", lower + "_backfill", "d1_migrations")
                : Set.of(lower, lower + "_meta", lower + "_backfill");
    }

    /**
     * When {@code version}'s findings must not block (it is at or below {@code [lint] since}), the
     * sentence that says so; empty otherwise.
     */
    public Optional<String> neverBlocks(Version version) {
        return since.filter(last -> !version.repeatable() && version.compareTo(last) <= 0)
                .map(last -> "It does not block: the file is at or below [lint] since = \"" + last + "\".");
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
            Optional<Severity> severity = level.equals("off") ? Optional.empty() : Severity.parse(level);
            if (Rules.refusedByMigrate(id)
                    && severity.filter(s -> s == Severity.ERROR).isEmpty()) {
                throw new ConfigurationException(StrataConfig.CONFIG_FILE + ": [lint] " + id + " = \"" + level
                        + "\": migrate refuses a file that breaks " + id
                        + " whatever [lint] says, so lint reports it as"
                        + " an error; remove the line");
            }
            levels.put(id, severity);
        });
        return new LintSettings(
                LintTarget.of(config),
                levels,
                config.lint().strict(),
                config.lint().since(),
                historyTables(config.historyTable(), config.historyMirror() == dev.strata.config.HistoryMirror.D1),
                config.locks().lockTimeout().isPresent());
    }

    public LintSettings withStrict(boolean value) {
        return new LintSettings(target, levels, value, since, historyTables, strataSetsLockTimeout);
    }

    /** Whether the rule runs at all: it applies to the target and is not turned off. */
    boolean enabled(Rule rule) {
        return enabled(rule, false);
    }

    /**
     * @param baseline the file is a baseline written by {@code strata import}, where the opt-in rules
     *                 run too: such a file must be safe to run on a database that already has the schema
     */
    boolean enabled(Rule rule, boolean baseline) {
        if (!rule.targets().contains(target)) {
            return false;
        }
        Optional<Severity> level = levels.get(rule.id());
        return level == null ? baseline || !Rules.optIn(rule.id()) : level.isPresent();
    }

    /** The finding with the severity these settings give its rule; empty when the rule is off. */
    Optional<Finding> judge(Finding finding) {
        Optional<Severity> level =
                levels.containsKey(finding.rule()) ? levels.get(finding.rule()) : Optional.of(finding.severity());
        return level.map(
                severity -> finding.withSeverity(strict && severity == Severity.WARNING ? Severity.ERROR : severity));
    }
}
