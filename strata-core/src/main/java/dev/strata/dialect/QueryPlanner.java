package dev.strata.dialect;

import dev.strata.schema.QualifiedName;
import java.util.List;

/**
 * Asks the engine how it would run a query, without running it: {@code EXPLAIN QUERY PLAN} on
 * SQLite, {@code EXPLAIN} on PostgreSQL. Obtained from {@link Database#queryPlanner()}; lives as long
 * as that session and is, like it, not thread-safe.
 */
public interface QueryPlanner {

    /**
     * The engine's plan for one statement. Nothing is executed.
     *
     * @throws DatabaseException when the engine can't plan it (a syntax error, an unknown table),
     *                           with the engine's own words
     */
    QueryPlan plan(String sql);

    /** How many rows {@code table} holds: exact, or the engine's estimate when it keeps one. */
    long rowCount(QualifiedName table);

    /**
     * How many rows {@code table} holds, counted (never estimated) up to {@code atMost + 1}, so that
     * "is anything there, and how much" costs little even on a large table.
     *
     * @throws DatabaseException when the table can't be read
     */
    long countRows(QualifiedName table, long atMost);

    /** The table's columns in declared order; empty when there is no such table. */
    List<String> columns(QualifiedName table);

    /** How the engine names {@code table} to people: without its namespace when that is the default one. */
    String display(QualifiedName table);
}
