package dev.strata.sql;

import java.util.List;
import java.util.Objects;

/**
 * The argument of a {@code -- strata:require SQL -- MESSAGE} directive, read with the dialect's own
 * splitter so that quotes and comments in the query are read as the engine reads them: exactly one
 * query, then {@code --} and what must hold. Read the same way by the runner and by the linter.
 *
 * @param sql     the query, without a trailing semicolon
 * @param message what the file says must hold
 */
public record Precondition(String sql, String message) {

    /** How the directive is written, for messages. */
    public static final String EXAMPLE =
            "-- strata:require SELECT NOT EXISTS (SELECT 1 FROM events) -- events must be empty";

    public Precondition {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(message, "message");
    }

    /**
     * @param where the directive as named in messages, e.g. {@code file.sql:3: '-- strata:require'}
     * @return the precondition, or what is wrong with the argument as the end of a sentence that
     *         starts with {@code where}
     */
    public static Read read(SqlSplitter splitter, String source, String where, String argument) {
        if (argument.isEmpty()) {
            return new Read(
                    null,
                    where + " names no query. Write a query that returns true, then -- and what must" + " hold, e.g. "
                            + EXAMPLE);
        }
        List<Statement> query;
        try {
            query = splitter.split(source, argument).statements();
        } catch (SqlSyntaxException e) {
            return new Read(null, where + ": its query does not parse: " + e.getMessage());
        }
        if (query.size() != 1) {
            return new Read(
                    null,
                    where + " must hold exactly one query; it holds " + query.size() + ". Give each"
                            + " precondition its own directive.");
        }
        Statement statement = query.get(0);
        String rest = argument.substring(
                        statement.column() - 1 + statement.sql().length())
                .strip();
        rest = rest.startsWith(";") ? rest.substring(1).strip() : rest;
        String message = rest.startsWith("--") ? rest.substring(2).strip() : "";
        if (message.isEmpty()) {
            return new Read(
                    null,
                    where + " says nothing about what must hold: end the line with -- and the reason," + " e.g. "
                            + EXAMPLE);
        }
        return new Read(new Precondition(statement.sql(), message), null);
    }

    /** Either the precondition or the problem. */
    public record Read(Precondition precondition, String problem) {
        public boolean ok() {
            return precondition != null;
        }
    }
}
