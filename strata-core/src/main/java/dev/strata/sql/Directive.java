package dev.strata.sql;

/**
 * A {@code -- strata:NAME ARGUMENT} line comment in a migration file.
 *
 * @param name      the word after {@code strata:}, e.g. {@code no-transaction}
 * @param argument  the rest of the comment, trimmed; empty when there is none
 * @param line      1-based line of the comment
 * @param inHeader  true when the comment stands before the file's first statement
 */
public record Directive(String name, String argument, int line, boolean inHeader) {}
