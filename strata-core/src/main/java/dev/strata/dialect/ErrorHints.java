package dev.strata.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One sentence, added to the database's own message, that says what is wrong and what to do for the
 * failures people meet: a missing extension, a missing privilege, a refused login or connection, a
 * full disk, a database another process keeps locked. Each dialect gives its own through
 * {@link Dialect#errorHints()}; every database error strata shows passes through it, so a hint is
 * written once.
 *
 * <p>A hint never holds a password: it is built from the error and what the driver knows of the
 * session without a query (a failed statement may have aborted the transaction).
 */
@FunctionalInterface
public interface ErrorHints {

    ErrorHints NONE = (error, where) -> Optional.empty();

    /**
     * Where the error happened.
     *
     * @param session   the connection it happened on; empty when connecting failed
     * @param statement the SQL that failed, or an empty string
     */
    record Where(Optional<Connection> session, String statement) {

        public static Where connecting() {
            return new Where(Optional.empty(), "");
        }

        public static Where on(Connection session) {
            return new Where(Optional.of(session), "");
        }

        public static Where on(Connection session, String statement) {
            return new Where(Optional.of(session), statement);
        }
    }

    /** The sentence for {@code error}, or empty when it is not one of the failures this dialect knows. */
    Optional<String> hint(SQLException error, Where where);

    /** {@code message}, followed by the hint for {@code error} on a line of its own when there is one. */
    default String explain(String message, SQLException error, Where where) {
        return hint(error, where)
                .map(h -> message + System.lineSeparator() + "  hint: " + h)
                .orElse(message);
    }
}
