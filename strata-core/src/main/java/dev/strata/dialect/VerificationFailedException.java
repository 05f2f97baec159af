package dev.strata.dialect;

import java.util.List;

/**
 * A {@code -- strata:verify} check of a migration found rows it should not have (or a foreign-key
 * check after {@code -- strata:foreign-keys off} found broken keys). The migration was rolled back.
 * The message names the file and line of the directive, the query, how many rows it returned and
 * the first few of them.
 */
public final class VerificationFailedException extends MigrationFailedException {

    /** How many failing rows the message shows. */
    public static final int ROWS_SHOWN = 5;

    private final List<String> rows;
    private final long rowCount;

    /**
     * @param rows     the first rows, each already written as {@code column = value, ...}
     * @param rowCount how many rows the query returned in all
     */
    public VerificationFailedException(
            String source, int line, String query, List<String> rows, long rowCount, String outcome) {
        super(
                message(source, line, query, rows, rowCount, outcome),
                source,
                line,
                query,
                // What the gate's fails-on-shadow finding says after "fails ...: ".
                "the check returned " + (rowCount >= Verifications.COUNT_LIMIT ? "at least " : "") + rowCount + " row"
                        + (rowCount == 1 ? "" : "s") + (rows.isEmpty() ? "" : " (" + String.join("; ", rows) + ")"));
        this.rows = List.copyOf(rows);
        this.rowCount = rowCount;
    }

    private static String message(
            String source, int line, String query, List<String> rows, long rowCount, String outcome) {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder(source)
                .append(':')
                .append(line)
                .append(": verification failed: ")
                .append(query)
                .append(nl)
                .append("  it returned ")
                .append(rowCount >= Verifications.COUNT_LIMIT ? "at least " : "")
                .append(rowCount)
                .append(" row")
                .append(rowCount == 1 ? "" : "s")
                .append(" (a check passes when it returns no rows, or a single true)");
        if (!rows.isEmpty()) {
            text.append(rowCount > rows.size() ? "; the first " + rows.size() + ":" : ":");
            rows.forEach(row -> text.append(nl).append("    ").append(row));
        }
        return text.append(nl).append("  ").append(outcome).toString();
    }

    /** The failing rows shown in the message, at most {@link #ROWS_SHOWN}. */
    public List<String> rows() {
        return rows;
    }

    /** How many rows the check returned. */
    public long rowCount() {
        return rowCount;
    }
}
