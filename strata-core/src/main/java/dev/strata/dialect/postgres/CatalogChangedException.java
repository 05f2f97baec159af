package dev.strata.dialect.postgres;

import java.sql.SQLException;

/**
 * Another session changed the catalog while strata read the schema. The read takes one snapshot, but
 * PostgreSQL's catalog functions (pg_get_viewdef, pg_get_indexdef, pg_get_triggerdef, ...) look objects
 * up as they are now: an object dropped meanwhile is still listed, and then has no definition, or
 * makes the function fail. A new read sees a snapshot taken after the change.
 */
final class CatalogChangedException extends SQLException {

    private static final long serialVersionUID = 1L;

    CatalogChangedException(String what) {
        super(what + " was dropped by another session while strata read the schema");
    }

    /** The server's words for the same race, from a catalog function that found its object gone. */
    static boolean isCatalogRace(SQLException e) {
        if (e instanceof CatalogChangedException) {
            return true;
        }
        String message = String.valueOf(e.getMessage());
        return "XX000".equals(e.getSQLState())
                && (message.contains("cache lookup failed") || message.contains("could not open relation with OID"));
    }
}
