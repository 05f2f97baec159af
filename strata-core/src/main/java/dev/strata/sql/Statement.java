package dev.strata.sql;

/**
 * One SQL statement of a migration file, as the database will receive it.
 *
 * @param sql      the statement's text without its terminating semicolon, trimmed of surrounding
 *                 white space (comments inside it are kept)
 * @param line     1-based line of the statement's first character in the file
 * @param column   1-based column of that character
 * @param kind     the statement's role for the runner
 */
public record Statement(String sql, int line, int column, StatementKind kind) {

    /** The first line of the statement's text, for messages. */
    public String firstLine() {
        int newline = sql.indexOf('\n');
        return newline < 0 ? sql : sql.substring(0, newline).stripTrailing();
    }
}
