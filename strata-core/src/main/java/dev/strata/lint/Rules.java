package dev.strata.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every rule the linter knows, in the order the documentation lists them. */
public final class Rules {

    /** Rules about the linter's own input: they are found while reading files, not statements. */
    record FileRule(String id, Severity defaultSeverity, Set<LintTarget> targets, String summary) implements Rule {}

    static final FileRule SYNTAX = new FileRule(
            "syntax",
            Severity.ERROR,
            StatementRule.ALL,
            "a file strata cannot split into statements (an unterminated quote, comment or body)");
    static final FileRule ALLOW_WITHOUT_REASON = new FileRule(
            "allow-without-reason",
            Severity.ERROR,
            StatementRule.ALL,
            "a -- strata:allow or -- strata:allow-file comment that gives no reason");
    static final FileRule ALLOW_UNKNOWN_RULE = new FileRule(
            "allow-unknown-rule",
            Severity.ERROR,
            StatementRule.ALL,
            "a -- strata:allow comment naming a rule that does not exist");
    static final FileRule ALLOW_WITHOUT_EFFECT = new FileRule(
            "allow-without-effect",
            Severity.ERROR,
            StatementRule.ALL,
            "a -- strata:allow comment naming a rule whose files strata refuses to run whatever the comment says");
    static final FileRule ALLOW_MISPLACED = new FileRule(
            "allow-misplaced",
            Severity.ERROR,
            StatementRule.ALL,
            "a -- strata:allow-file comment after the file's first statement, or an allow with no statement after it");

    /** The id of the rule for a migration that fails on the shadow database. */
    public static final String FAILS_ON_SHADOW = "fails-on-shadow";

    static final FileRule FAILS_ON_SHADOW_RULE = new FileRule(
            FAILS_ON_SHADOW,
            Severity.WARNING,
            StatementRule.ALL,
            "a statement that fails on the shadow database, built by the migrations before it");

    /**
     * Rules that run only when strata.toml's [lint] gives them a severity, and on baselines written
     * by {@code strata import}. A history the tool tracks runs each file once, so IF NOT EXISTS
     * guards nothing there; a baseline may meet a database that already has the schema.
     */
    private static final Set<String> OPT_IN = Set.of("missing-if-not-exists");

    /**
     * Rules about files that migrate refuses to run, whatever the lint settings or allow comments say:
     * silencing one would only make lint pass a file that migrate then refuses.
     */
    private static final Set<String> REFUSED_BY_MIGRATE =
            Set.of("syntax", "transaction-control", "needs-no-transaction", "unclosed-transaction");

    private static final List<StatementRule> STATEMENT_RULES = buildStatementRules();
    private static final List<Rule> ALL = all(STATEMENT_RULES);

    private Rules() {}

    /** Every rule, statement rules first, then the rules about files and allow comments. */
    public static List<Rule> all() {
        return ALL;
    }

    /** Whether the rule is off unless strata.toml turns it on (or the file is an import baseline). */
    public static boolean optIn(String id) {
        return OPT_IN.contains(id);
    }

    /** Whether migrate refuses the files the rule reports, so that no allow comment or setting can accept them. */
    public static boolean refusedByMigrate(String id) {
        return REFUSED_BY_MIGRATE.contains(id);
    }

    /** Whether {@code text} is a baseline that {@code strata import} wrote: its first line says so. */
    static boolean importedBaseline(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        return first.startsWith("-- Imported from ") && first.contains("by strata import");
    }

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    static List<StatementRule> statementRules() {
        return STATEMENT_RULES;
    }

    private static List<StatementRule> buildStatementRules() {
        List<StatementRule> rules = new ArrayList<>();
        rules.addAll(DataLossRules.rules());
        rules.addAll(ChangeRules.rules());
        rules.addAll(RebuildRules.rules());
        rules.addAll(PostgresRules.rules());
        rules.addAll(PostgresMaintenanceRules.rules());
        rules.addAll(PostgresObjectRules.rules());
        rules.addAll(PostgresTypeRules.rules());
        rules.addAll(SqliteRules.rules());
        rules.add(HistoryRules.HISTORY_WRITE);
        return List.copyOf(rules);
    }

    private static List<Rule> all(List<StatementRule> statementRules) {
        List<Rule> rules = new ArrayList<>(statementRules);
        rules.addAll(List.of(
                SYNTAX,
                ALLOW_WITHOUT_REASON,
                ALLOW_UNKNOWN_RULE,
                ALLOW_WITHOUT_EFFECT,
                ALLOW_MISPLACED,
                FAILS_ON_SHADOW_RULE,
                ContractPairs.CONTRACT_WITHOUT_EXPAND));
        return List.copyOf(rules);
    }
}
