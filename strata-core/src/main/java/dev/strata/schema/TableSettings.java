package dev.strata.schema;

import java.util.Comparator;
import java.util.List;

/**
 * What a table carries besides its columns and constraints: PostgreSQL storage parameters
 * ({@code ALTER TABLE ... SET (autovacuum_vacuum_scale_factor = 0.01)}) and row-level security.
 *
 * @param storageParameters {@code name=value} pairs as the catalog reports them, sorted
 * @param rowSecurity       ENABLE ROW LEVEL SECURITY
 * @param forceRowSecurity  FORCE ROW LEVEL SECURITY (the owner is subject to the policies too)
 */
public record TableSettings(List<String> storageParameters, boolean rowSecurity, boolean forceRowSecurity) {

    /** A table with no storage parameters and no row-level security (every SQLite table). */
    public static final TableSettings NONE = new TableSettings(List.of(), false, false);

    public TableSettings {
        storageParameters = CanonicalOrder.sorted(storageParameters, Comparator.naturalOrder());
    }
}
