package dev.strata.dialect.d1;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one statement of a {@code /raw} request returned: column names and rows of JSON values
 * (numbers, strings, null), in the order of the columns.
 */
public record D1Result(List<String> columns, List<List<JsonNode>> rows) {

    public D1Result {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The value of {@code column} in row {@code row} as text; null for SQL NULL. */
    public String text(int row, int column) {
        JsonNode value = rows.get(row).get(column);
        return value == null || value.isNull() ? null : value.asText();
    }
}
