package dev.strata.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code -- strata:require} queries. A precondition holds when its query returns exactly one row
 * of one column holding true (or 1, which is how SQLite answers a comparison): no rows, NULL, or
 * several rows are failures, since "the table is empty" must not pass because the query found nothing
 * to say.
 */
final class Requirements {

    /** Rows of a failing query shown in the message. */
    private static final int ROWS_SHOWN = 3;

    private Requirements() {}

    /** @param rows the first rows the query returned, for the message; empty when it returned none */
    record Outcome(boolean holds, List<String> rows) {}

    static Outcome check(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            ResultSetMetaData columns = result.getMetaData();
            List<String> shown = new ArrayList<>();
            int count = 0;
            Object single = null;
            while (count <= ROWS_SHOWN && result.next()) {
                count++;
                if (count == 1) {
                    single = result.getObject(1);
                }
                if (shown.size() < ROWS_SHOWN) {
                    shown.add(Verifications.describe(result, columns));
                }
            }
            boolean holds = count == 1 && columns.getColumnCount() == 1 && isTrue(single);
            if (count > ROWS_SHOWN) {
                shown.add("... (more rows)");
            }
            return new Outcome(holds, shown);
        }
    }

    private static boolean isTrue(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        return value instanceof Number number && number.doubleValue() == 1;
    }
}
