package dev.strata.explain;

import java.util.Objects;

/**
 * A full scan of one table in a query's plan.
 *
 * @param table          the table as people read it
 * @param rows           how many rows it holds (exact on SQLite; PostgreSQL's estimate once analysed)
 * @param overLimit      true when {@code rows} is above {@code --max-scan-rows}: a finding
 * @param suggestedIndex a {@code CREATE INDEX} that would serve the query, or null when the query
 *                       filters on none of the table's columns
 */
public record TableScan(String table, long rows, boolean overLimit, String suggestedIndex) {

    public TableScan {
        Objects.requireNonNull(table, "table");
    }
}
