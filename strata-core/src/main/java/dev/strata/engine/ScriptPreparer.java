package dev.strata.engine;

import dev.strata.dialect.ExecutableScript;
import dev.strata.lint.Linter;
import dev.strata.source.Migration;
import dev.strata.source.NewMigration;
import dev.strata.source.TransactionHeaders;
import dev.strata.sql.Directive;
import dev.strata.sql.RunMode;
import dev.strata.sql.SqlScript;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqlSyntaxException;
import dev.strata.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a script's text into something safe to run, or into the list of reasons it is not: splits
 * it, accepts one BEGIN ... COMMIT pair around the whole file, and refuses any other transaction
 * control, unknown directives, and statements that can't run in a transaction unless the file says
 * {@code -- strata:no-transaction}. Collects the {@code -- strata:verify} queries that run after the
 * statements, {@code -- strata:foreign-keys off}, the {@link GuardDirectives} ({@code require},
 * {@code lock-timeout}) and the {@link BackfillDirectives}.
 *
 * <p>Public so that everything that runs migrations (migrate, down, the shadow database) prepares
 * them the same way.
 */
public final class ScriptPreparer {

    static final String NO_TRANSACTION = "no-transaction";
    static final String VERIFY = "verify";
    static final String FOREIGN_KEYS = "foreign-keys";
    /** Strata's own directives, and the linter's allow comments (which change nothing about how a file runs). */
    private static final Set<String> KNOWN_DIRECTIVES = known();

    private ScriptPreparer() {}

    private static Set<String> known() {
        Set<String> names = new java.util.HashSet<>(Linter.directives());
        names.add(NO_TRANSACTION);
        names.add(VERIFY);
        names.add(FOREIGN_KEYS);
        names.add(GuardDirectives.REQUIRE);
        names.add(GuardDirectives.LOCK_TIMEOUT);
        names.add(dev.strata.sql.SquashedMigration.DIRECTIVE);
        names.add(dev.strata.sql.Backfill.NAME);
        names.add(dev.strata.sql.ContractOf.DIRECTIVE);
        return Set.copyOf(names);
    }

    /**
     * The outcome: a script when {@code problems} is empty.
     *
     * @param notice what the user should know about how this file runs, when strata chose it for the
     *               file (it runs outside a transaction because of what it holds)
     */
    public record Prepared(ExecutableScript script, List<String> problems, Optional<String> notice) {
        public Prepared(ExecutableScript script, List<String> problems) {
            this(script, problems, Optional.empty());
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Prepares a pending migration's up script: {@link #prepareToRun}, except that an up script with no
     * statements in diesel's folders or in golang-migrate's {@code N_name.up.sql} is accepted and does
     * nothing, as those tools run it (diesel's generator writes {@code -- Your SQL goes here}; projects
     * keep {@code -- No-op on Postgres} files for the other engine's change). An up script still holding
     * only what {@code strata new} wrote is refused all the same: that is an unwritten migration.
     */
    public static Prepared prepareMigration(Migration migration, SqlSplitter splitter) {
        String tool = switch (migration.layout()) {
            case DIESEL -> "diesel";
            case UP_DOWN_PAIR -> NewMigration.untouchedTemplate(migration.upSql()) ? null : "golang-migrate";
            default -> null;
        };
        if (tool == null) {
            return prepareToRun(migration.upSource(), migration.upSql(), splitter);
        }
        Prepared prepared = prepare(migration.upSource(), migration.upSql(), splitter);
        if (prepared.ok()
                && prepared.script().statements().isEmpty()
                && prepared.script().verifications().isEmpty()
                && prepared.notice().isEmpty()) {
            return new Prepared(
                    prepared.script(),
                    prepared.problems(),
                    Optional.of(migration.upSource()
                            + ": has no statements; it is recorded as applied and does nothing, as " + tool
                            + " runs it."));
        }
        return prepared;
    }

    /**
     * {@link #prepare}, for a script about to be run for the first time (a pending migration, a down
     * script, a seed): one with no statements and no checks is refused too. Recording a script that does
     * nothing is almost always an accident (a file not saved, a fresh 'strata new'), and once recorded,
     * the real content would count as an edit. Replays of what already ran (the shadow) don't judge this.
     */
    public static Prepared prepareToRun(String source, String text, SqlSplitter splitter) {
        Prepared prepared = prepare(source, text, splitter);
        if (prepared.script() != null
                && prepared.script().statements().isEmpty()
                && prepared.script().verifications().isEmpty()) {
            List<String> problems = new ArrayList<>(prepared.problems());
            problems.add(source + ": has no SQL statements (the file is empty or holds only comments); write the"
                    + " migration, or put 'SELECT 1;' in it if it is meant to do nothing");
            return new Prepared(prepared.script(), List.copyOf(problems));
        }
        return prepared;
    }

    public static Prepared prepare(String source, String text, SqlSplitter splitter) {
        SqlScript parsed;
        try {
            parsed = splitter.split(source, text);
        } catch (SqlSyntaxException e) {
            return new Prepared(null, List.of(e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        for (Directive directive : parsed.directives()) {
            if (!KNOWN_DIRECTIVES.contains(directive.name())) {
                problems.add(source + ":" + directive.line() + ": unknown directive 'strata:" + directive.name()
                        + "'; known: "
                        + String.join(", ", KNOWN_DIRECTIVES.stream().sorted().toList()));
            } else if (directive.name().equals(NO_TRANSACTION) && !directive.inHeader()) {
                problems.add(source + ":" + directive.line() + ": '-- strata:no-transaction' must stand before the"
                        + " first statement of the file");
            } else if (directive.name().equals(dev.strata.sql.SquashedMigration.DIRECTIVE)) {
                // Read where status reads it, in the header; one further down would be silently ignored.
                if (directive.inHeader()) {
                    dev.strata.sql.SquashedMigration.read(source, directive, new ArrayList<>(), problems);
                } else {
                    problems.add(source + ":" + directive.line() + ": '-- strata:squashes' must stand before the"
                            + " first statement of the file");
                }
            } else if (directive.name().equals(dev.strata.sql.ContractOf.DIRECTIVE)) {
                dev.strata.sql.ContractOf.problem(source, directive).ifPresent(problems::add);
            }
        }
        // SQLx's and dbmate's own opt-outs mean the same as strata's directive.
        boolean optedOut = parsed.hasDirective(NO_TRANSACTION) || TransactionHeaders.optsOut(text);
        RunMode mode = RunMode.of(source, parsed.statements(), optedOut);
        List<Statement> body = mode.transactional() ? RunMode.unwrap(parsed.statements()) : parsed.statements();
        for (Statement statement : body) {
            problemOf(source, statement, mode.transactional()).ifPresent(problems::add);
        }
        if (!mode.transactional()) {
            RunMode.unclosedTransaction(source, body).ifPresent(problems::add);
        }
        List<ExecutableScript.Verification> verifications = verifications(source, parsed, splitter, problems);
        boolean foreignKeysOff = foreignKeysOff(source, parsed, problems);
        if (!mode.transactional() && (!verifications.isEmpty() || foreignKeysOff)) {
            int line = parsed.directives().stream()
                    .filter(d -> d.name().equals(VERIFY) || d.name().equals(FOREIGN_KEYS))
                    .mapToInt(Directive::line)
                    .findFirst()
                    .orElse(1);
            problems.add(source + ":" + line + ": '-- strata:verify' and '-- strata:foreign-keys off' need the"
                    + " migration's transaction (a failed check rolls it back), but " + mode.why()
                    + ". Move them into a migration of their own.");
            verifications = List.of();
            foreignKeysOff = false;
        }
        List<ExecutableScript.Requirement> requirements =
                GuardDirectives.requirements(source, parsed, splitter, mode.transactional(), problems);
        Optional<java.time.Duration> lockTimeout =
                GuardDirectives.lockTimeout(source, parsed, mode.transactional(), problems);
        List<dev.strata.sql.Backfill> backfills =
                BackfillDirectives.read(source, text, parsed, splitter, mode.transactional(), mode.why(), problems);
        return new Prepared(
                new ExecutableScript(
                        source,
                        body,
                        mode.transactional(),
                        verifications,
                        foreignKeysOff,
                        requirements,
                        lockTimeout,
                        mode.transactional() ? List.of() : backfills),
                List.copyOf(problems),
                mode.notice());
    }

    /**
     * Each {@code -- strata:verify SQL}: exactly one statement (a trailing semicolon is allowed), so
     * that a check can't smuggle in a second statement that changes data.
     */
    private static List<ExecutableScript.Verification> verifications(
            String source, SqlScript parsed, SqlSplitter splitter, List<String> problems) {
        List<ExecutableScript.Verification> verifications = new ArrayList<>();
        for (Directive directive : parsed.directives()) {
            if (!directive.name().equals(VERIFY)) {
                continue;
            }
            String where = source + ":" + directive.line() + ": '-- strata:verify'";
            if (directive.argument().isEmpty()) {
                problems.add(where + " names no query. Write the query after it on the same line, e.g."
                        + " -- strata:verify SELECT id FROM orders WHERE total < 0");
                continue;
            }
            List<Statement> query;
            try {
                query = splitter.split(source, directive.argument()).statements();
            } catch (SqlSyntaxException e) {
                problems.add(where + " does not parse: " + e.getMessage());
                continue;
            }
            if (query.size() != 1) {
                problems.add(where + " must hold exactly one query; it holds " + query.size() + ". Give each check"
                        + " its own directive.");
                continue;
            }
            verifications.add(new ExecutableScript.Verification(query.get(0).sql(), directive.line()));
        }
        return verifications;
    }

    /** {@code -- strata:foreign-keys off} in the header; any other placement or argument is refused. */
    private static boolean foreignKeysOff(String source, SqlScript parsed, List<String> problems) {
        boolean off = false;
        for (Directive directive : parsed.directives()) {
            if (!directive.name().equals(FOREIGN_KEYS)) {
                continue;
            }
            if (!directive.argument().equalsIgnoreCase("off")) {
                problems.add(source + ":" + directive.line() + ": '-- strata:foreign-keys' takes one word, off"
                        + " (found '" + directive.argument() + "')");
            } else if (!directive.inHeader()) {
                problems.add(source + ":" + directive.line() + ": '-- strata:foreign-keys off' must stand before the"
                        + " first statement of the file");
            } else {
                off = true;
            }
        }
        return off;
    }

    private static java.util.Optional<String> problemOf(String source, Statement statement, boolean transactional) {
        String where = source + ":" + statement.line() + ": " + statement.firstLine();
        return switch (statement.kind()) {
            // A file that is not run in strata's transaction runs its own transaction control as written.
            case TRANSACTION_BEGIN, TRANSACTION_COMMIT, TRANSACTION_OTHER ->
                transactional
                        ? java.util.Optional.of(where + System.lineSeparator() + "    transaction control inside a"
                                + " migration: strata runs each migration in its own transaction. Remove it (one BEGIN ..."
                                + " COMMIT around the whole file is accepted).")
                        : java.util.Optional.empty();
            case NO_TRANSACTION ->
                transactional
                        ? java.util.Optional.of(where + System.lineSeparator() + "    this statement can't run inside a"
                                + " transaction. Put '-- strata:no-transaction' on the file's first line (the migration then"
                                + " runs statement by statement, and is recorded as failed if it stops part-way).")
                        : java.util.Optional.empty();
            case ORDINARY -> java.util.Optional.empty();
        };
    }
}
