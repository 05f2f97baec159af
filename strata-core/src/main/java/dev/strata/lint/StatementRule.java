package dev.strata.lint;

import dev.strata.ddl.Name;
import dev.strata.sql.Lexeme;
import java.util.Optional;
import java.util.Set;

/**
 * A rule that reads statements one at a time, with their context.
 *
 * @param check what the rule looks for; reports through the {@link Reporter} it is given
 */
record StatementRule(String id, Severity defaultSeverity, Set<LintTarget> targets, String summary, Check check)
        implements Rule {

    static final Set<LintTarget> ALL = Set.of(LintTarget.SQLITE, LintTarget.D1, LintTarget.POSTGRES);
    static final Set<LintTarget> SQLITE = Set.of(LintTarget.SQLITE, LintTarget.D1);
    static final Set<LintTarget> D1 = Set.of(LintTarget.D1);
    static final Set<LintTarget> POSTGRES = Set.of(LintTarget.POSTGRES);

    StatementRule {
        targets = Set.copyOf(targets);
    }

    @FunctionalInterface
    interface Check {
        void check(StatementContext context, Reporter report);
    }

    /** Where a rule reports: the rule's id and severity are filled in for it. */
    @FunctionalInterface
    interface Reporter {
        /**
         * @param at       the token the finding points at
         * @param message  what can go wrong
         * @param fix      the safe alternative
         * @param destroys the table whose rows the statement deletes, for the rules about lost rows
         */
        void report(Lexeme at, String message, String fix, Optional<Name> destroys);

        default void report(Lexeme at, String message, String fix) {
            report(at, message, fix, Optional.empty());
        }
    }
}
