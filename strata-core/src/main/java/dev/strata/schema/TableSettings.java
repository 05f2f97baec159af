package dev.strata.schema;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a table carries besides its columns and constraints: PostgreSQL storage parameters
 * ({@code ALTER TABLE ... SET (autovacuum_vacuum_scale_factor = 0.01)}) and row-level security.
 *
 * @param storageParameters {@code name=value} pairs as the catalog reports them, sorted
 * @param rowSecurity       ENABLE ROW LEVEL SECURITY
 * @param forceRowSecurity  FORCE ROW LEVEL SECURITY (the owner is subject to the policies too)
 * @param columnStatistics  {@code column=target} for each column with its own statistics target
 *                          ({@code ALTER COLUMN path SET STATISTICS 10000}), sorted
 * @param constraintComments PostgreSQL COMMENT ON CONSTRAINT, by the constraint's name, sorted
 */
public record TableSettings(
        List<String> storageParameters,
        boolean rowSecurity,
        boolean forceRowSecurity,
        List<String> columnStatistics,
        Map<String, String> constraintComments) {

    /** A table with no storage parameters and no row-level security (every SQLite table). */
    public static final TableSettings NONE = new TableSettings(List.of(), false, false);

    public TableSettings {
        storageParameters = CanonicalOrder.sorted(storageParameters, Comparator.naturalOrder());
        columnStatistics = CanonicalOrder.sorted(columnStatistics, Comparator.naturalOrder());
        constraintComments = Collections.unmodifiableSortedMap(new TreeMap<>(constraintComments));
    }

    /** Settings with no comment on any constraint. */
    public TableSettings(
            List<String> storageParameters,
            boolean rowSecurity,
            boolean forceRowSecurity,
            List<String> columnStatistics) {
        this(storageParameters, rowSecurity, forceRowSecurity, columnStatistics, Map.of());
    }

    /** The same settings with these comments on constraints. */
    public TableSettings withConstraintComments(Map<String, String> comments) {
        return new TableSettings(storageParameters, rowSecurity, forceRowSecurity, columnStatistics, comments);
    }

    /** Settings with no column of its own statistics target. */
    public TableSettings(List<String> storageParameters, boolean rowSecurity, boolean forceRowSecurity) {
        this(storageParameters, rowSecurity, forceRowSecurity, List.of());
    }
}
