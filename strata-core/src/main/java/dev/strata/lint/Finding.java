package dev.strata.lint;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing the linter found.
 *
 * @param rule     the rule's stable id, e.g. {@code drop-table}
 * @param severity how serious it is, after strata.toml and the environment had their say
 * @param file     the migration file as shown in messages, relative to the project
 * @param line     1-based line
 * @param column   1-based column
 * @param message  what can go wrong
 * @param fix      the safe alternative
 * @param destroys for a finding about deleting rows (drop-table, drop-column, truncate,
 *                 delete-without-where): the table whose rows would go, so that the gate can look at
 *                 how many there are; for not-null-without-default on PostgreSQL, the table whose
 *                 rows make the statement fail; empty for every other finding
 */
public record Finding(
        String rule,
        Severity severity,
        String file,
        int line,
        int column,
        String message,
        String fix,
        Optional<String> destroys) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(destroys, "destroys");
    }

    public Finding(String rule, Severity severity, String file, int line, int column, String message, String fix) {
        this(rule, severity, file, line, column, message, fix, Optional.empty());
    }

    public Finding withSeverity(Severity other) {
        return new Finding(rule, other, file, line, column, message, fix, destroys);
    }

    /** The same finding, with {@code sentence} added to its message and the severity given. */
    public Finding judged(Severity other, String sentence) {
        return new Finding(rule, other, file, line, column, message + " " + sentence, fix, destroys);
    }

    /** {@code file:line:column}. */
    public String location() {
        return file + ":" + line + ":" + column;
    }

    /** Whether an allow comment or a [lint] setting can accept it: not when migrate refuses the file anyway. */
    public boolean allowable() {
        return !Rules.refusedByMigrate(rule);
    }

    /** The comment that allows this finding, as the user writes it on the line before the statement. */
    public String allowComment() {
        return "-- strata:allow " + rule + " <reason>";
    }
}
