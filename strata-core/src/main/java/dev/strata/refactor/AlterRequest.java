package dev.strata.refactor;

import dev.strata.config.ConfigurationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code strata alter TABLE OPERATION... [--name NAME]} asks for.
 *
 * @param table      the table, as named in the schema ({@code schema.table} for a PostgreSQL table
 *                   outside the default schema)
 * @param operations what to change, in the order given; at least one
 * @param name       the migration's name; empty means one made from the table and the operations
 * @param tolerance  how far a converted number may move and still count as equal (default
 *                   {@link #DEFAULT_TOLERANCE})
 * @param online     write an expand/contract pair instead of one migration ({@code --online},
 *                   PostgreSQL): see {@link OnlineChange}
 * @param keepName   with {@code online} and a type change: the contract renames the new column to
 *                   the old name ({@code --keep-name})
 */
public record AlterRequest(
        String table,
        List<AlterOperation> operations,
        Optional<String> name,
        double tolerance,
        boolean online,
        boolean keepName) {

    public static final double DEFAULT_TOLERANCE = 0.0001;

    public AlterRequest {
        Objects.requireNonNull(table, "table");
        operations = List.copyOf(operations);
        Objects.requireNonNull(name, "name");
        if (operations.isEmpty()) {
            throw new ConfigurationException("strata alter " + table + ": name at least one change, e.g. --type"
                    + " amount=REAL, --on-delete user_id=RESTRICT or --soft-delete (see strata alter --help)");
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new ConfigurationException("--tolerance " + tolerance + ": give a number of 0 or more, e.g. 0.0001");
        }
        if (keepName && !online) {
            throw new ConfigurationException("--keep-name goes with --online: it says what the contract migration"
                    + " does with the new column");
        }
    }

    public AlterRequest(String table, List<AlterOperation> operations, Optional<String> name, double tolerance) {
        this(table, operations, name, tolerance, false, false);
    }

    public AlterRequest(String table, List<AlterOperation> operations) {
        this(table, operations, Optional.empty(), DEFAULT_TOLERANCE);
    }
}
