package dev.strata.costs;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a database costs ({@code strata inspect}): sizes, row estimates, index use, connections.
 * Named "costs" to keep it apart from the {@code inspect} package, whose Inspector compares the
 * schema with the migrations (dump, drift, plan, check).
 *
 * @param database     the database as named to people
 * @param tables       the tables, biggest first
 * @param indexes      the indexes, biggest first
 * @param connections  PostgreSQL: the server's connections by database and state; empty on SQLite
 * @param notes        what could not be measured here and why (no dbstat, no statistics)
 */
public record CostReport(
        String database,
        List<TableCost> tables,
        List<IndexCost> indexes,
        List<ConnectionCount> connections,
        List<String> notes) {

    public CostReport {
        Objects.requireNonNull(database, "database");
        tables = List.copyOf(tables);
        indexes = List.copyOf(indexes);
        connections = List.copyOf(connections);
        notes = List.copyOf(notes);
    }

    /**
     * One table.
     *
     * @param rows        estimated rows (PostgreSQL's reltuples, SQLite's sqlite_stat1, else a count)
     * @param bytes       the table's own size; empty when the engine can't say (SQLite without dbstat)
     * @param indexBytes  its indexes together; empty when unknown
     * @param deadRows    PostgreSQL: dead rows not yet vacuumed; empty on SQLite
     * @param liveRows    PostgreSQL: live rows by the statistics; empty on SQLite
     */
    public record TableCost(
            String name,
            long rows,
            OptionalLong bytes,
            OptionalLong indexBytes,
            OptionalLong deadRows,
            OptionalLong liveRows) {

        /**
         * Dead rows beyond what autovacuum lets pile up by default (50 plus 20% of the live rows):
         * vacuum is not keeping up, or a long transaction holds the rows.
         */
        public boolean vacuumTrouble() {
            return deadRows.isPresent()
                    && deadRows.getAsLong() > 50 + 0.2 * liveRows.orElse(0)
                    && deadRows.getAsLong() >= 1000;
        }
    }

    /**
     * One index.
     *
     * @param scans  index scans since the statistics were reset; empty where the engine keeps none (SQLite)
     */
    public record IndexCost(String name, String table, OptionalLong bytes, OptionalLong scans) {}

    /** PostgreSQL: how many connections a database has in one state ({@code active}, {@code idle}, ...). */
    public record ConnectionCount(String database, String state, long connections) {}
}
