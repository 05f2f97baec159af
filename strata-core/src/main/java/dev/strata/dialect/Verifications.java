package dev.strata.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code -- strata:verify} queries and describes the rows they return, for people.
 *
 * <p>A check passes when it returns no rows, or exactly one row of one column holding true (or 1,
 * which is how SQLite answers a comparison). Rows are counted only up to {@link #COUNT_LIMIT}, so that
 * a check that fails on every row of a big table still answers quickly.
 */
final class Verifications {

    /** Rows beyond this are not counted; the message then says "at least". */
    static final long COUNT_LIMIT = 10_000;

    private static final int VALUE_WIDTH = 60;

    private Verifications() {}

    /**
     * @param rows     the first rows, as {@code column = value, ...}
     * @param rowCount how many rows came back (at most {@link #COUNT_LIMIT})
     */
    record Outcome(boolean passed, List<String> rows, long rowCount) {}

    static Outcome run(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            ResultSetMetaData columns = result.getMetaData();
            List<String> shown = new ArrayList<>();
            long count = 0;
            Object single = null;
            while (count < COUNT_LIMIT && result.next()) {
                count++;
                if (count == 1 && columns.getColumnCount() == 1) {
                    single = result.getObject(1);
                }
                if (shown.size() < VerificationFailedException.ROWS_SHOWN) {
                    shown.add(describe(result, columns));
                }
            }
            boolean passed = count == 0 || (count == 1 && columns.getColumnCount() == 1 && isTrue(single));
            return new Outcome(passed, passed ? List.of() : shown, count);
        }
    }

    private static boolean isTrue(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Number number) {
            return number.doubleValue() == 1;
        }
        return false;
    }

    /** {@code name = value, ...}: strings quoted, NULL spelled out, long values cut short. */
    static String describe(ResultSet row, ResultSetMetaData columns) throws SQLException {
        List<String> parts = new ArrayList<>();
        for (int c = 1; c <= columns.getColumnCount(); c++) {
            parts.add(columns.getColumnLabel(c) + " = " + value(row.getObject(c)));
        }
        return String.join(", ", parts);
    }

    private static String value(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] bytes) {
            return "<" + bytes.length + " bytes>";
        }
        String text = value.toString();
        if (text.length() > VALUE_WIDTH) {
            text = text.substring(0, VALUE_WIDTH) + "...";
        }
        return value instanceof Number || value instanceof Boolean ? text : "'" + text.replace("'", "''") + "'";
    }
}
