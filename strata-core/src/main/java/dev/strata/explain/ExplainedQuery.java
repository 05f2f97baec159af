package dev.strata.explain;

import java.util.List;
import java.util.Objects;

/**
 * One query of the file and what the engine would do with it.
 *
 * @param line      1-based line of the query in the file
 * @param sql       the query's text
 * @param plan      the engine's plan, one step a line; empty when it could not be planned
 * @param fullScans the tables it would read whole
 * @param error     the engine's message when it could not plan the query, else null
 */
public record ExplainedQuery(int line, String sql, List<String> plan, List<TableScan> fullScans, String error) {

    public ExplainedQuery {
        Objects.requireNonNull(sql, "sql");
        plan = List.copyOf(plan);
        fullScans = List.copyOf(fullScans);
    }

    /** True when the query failed to plan or scans a table above the limit. */
    public boolean hasFinding() {
        return error != null || fullScans.stream().anyMatch(TableScan::overLimit);
    }

    /** The first line of the query, for messages. */
    public String firstLine() {
        int newline = sql.indexOf('\n');
        return newline < 0 ? sql : sql.substring(0, newline).stripTrailing();
    }
}
