package dev.strata.dialect;

import java.util.List;

/**
 * A {@code -- strata:require} precondition of a migration did not hold, so none of the migration ran.
 * The message names the file and line of the directive, the file's own explanation, the query and
 * what it returned.
 */
public final class PreconditionFailedException extends MigrationFailedException {

    private final String requirement;
    private final List<String> rows;

    /**
     * @param message what the file says is wrong
     * @param rows    what the query returned, each row as {@code column = value, ...}; empty when none
     */
    public PreconditionFailedException(
            String source, int line, String query, String message, List<String> rows, String outcome) {
        super(text(source, line, query, message, rows, outcome), source, line, query, answer(rows));
        this.requirement = message;
        this.rows = List.copyOf(rows);
    }

    private static String answer(List<String> rows) {
        return rows.isEmpty() ? "no rows" : String.join("; ", rows);
    }

    private static String text(
            String source, int line, String query, String message, List<String> rows, String outcome) {
        String nl = System.lineSeparator();
        return source + ":" + line + ": precondition not met: " + message + nl
                + "  the query " + query + nl
                + "  returned " + (rows.isEmpty() ? "no rows" : rows.size() == 1 ? rows.get(0) : answer(rows))
                + " (a precondition holds when it returns one row holding true)" + nl
                + "  " + outcome + " Make the precondition hold, then run migrate again.";
    }

    /** The file's own words for what must hold. */
    public String requirement() {
        return requirement;
    }

    /** What the query returned (at most a few rows). */
    public List<String> rows() {
        return rows;
    }
}
