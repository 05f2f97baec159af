package dev.strata.engine;

import dev.strata.config.Durations;
import dev.strata.dialect.ExecutableScript;
import dev.strata.sql.Directive;
import dev.strata.sql.Precondition;
import dev.strata.sql.SqlScript;
import dev.strata.sql.SqlSplitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The directives that guard a migration on a busy database, read from a file's header: {@code --
 * strata:require SQL -- MESSAGE} (a precondition checked in the migration's transaction before its
 * first statement) and {@code -- strata:lock-timeout 30s} (how long its statements wait for a lock,
 * instead of the configured {@code lock_timeout}). Both need strata's transaction.
 */
final class GuardDirectives {

    static final String REQUIRE = "require";
    static final String LOCK_TIMEOUT = "lock-timeout";

    private GuardDirectives() {}

    /** Each {@code -- strata:require}, read as {@link Precondition#read} reads it. */
    static List<ExecutableScript.Requirement> requirements(
            String source, SqlScript parsed, SqlSplitter splitter, boolean transactional, List<String> problems) {
        List<ExecutableScript.Requirement> requirements = new ArrayList<>();
        for (Directive directive : parsed.directives()) {
            if (!directive.name().equals(REQUIRE)) {
                continue;
            }
            String where = source + ":" + directive.line() + ": '-- strata:require'";
            Optional<String> problem = placement(where, directive, transactional);
            if (problem.isPresent()) {
                problems.add(problem.get());
                continue;
            }
            Precondition.Read read = Precondition.read(splitter, source, where, directive.argument());
            if (!read.ok()) {
                problems.add(read.problem());
                continue;
            }
            requirements.add(new ExecutableScript.Requirement(
                    read.precondition().sql(), read.precondition().message(), directive.line(), true));
        }
        return requirements;
    }
    /**
     * The file's {@code -- strata:lock-timeout}: a duration, or {@code off} ({@link Duration#ZERO});
     * empty when the file has none.
     */
    static Optional<Duration> lockTimeout(
            String source, SqlScript parsed, boolean transactional, List<String> problems) {
        Optional<Duration> found = Optional.empty();
        for (Directive directive : parsed.directives()) {
            if (!directive.name().equals(LOCK_TIMEOUT)) {
                continue;
            }
            String where = source + ":" + directive.line() + ": '-- strata:lock-timeout'";
            Optional<String> problem = placement(where, directive, transactional);
            if (problem.isPresent()) {
                problems.add(problem.get() + " Outside it, write SET lock_timeout = '30s'; in the file.");
                continue;
            }
            if (found.isPresent()) {
                problems.add(where + " is the second in the file; keep one.");
                continue;
            }
            String argument = directive.argument();
            Optional<Duration> value = argument.equalsIgnoreCase("off")
                    ? Optional.of(Duration.ZERO)
                    : Durations.parse(argument).filter(d -> !d.isZero());
            if (value.isEmpty() || value.get().toMillis() > Integer.MAX_VALUE) {
                problems.add(where + " takes " + Durations.FORM + ", or off; found '" + argument + "'");
                continue;
            }
            found = value;
        }
        return found;
    }

    private static Optional<String> placement(String where, Directive directive, boolean transactional) {
        if (!directive.inHeader()) {
            return Optional.of(where + " must stand before the first statement of the file: it applies to the whole"
                    + " migration.");
        }
        if (!transactional) {
            return Optional.of(where + " needs strata's transaction (the file runs outside one), where a"
                    + " failure leaves nothing half done.");
        }
        return Optional.empty();
    }
}
