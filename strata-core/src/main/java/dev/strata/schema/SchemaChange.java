package dev.strata.schema;

import java.util.Objects;

/**
 * One difference between two schemas, as {@code strata plan}, {@code drift} and the linter report it.
 *
 * <p>Examples of {@link #toString()}: {@code + table threads (7 columns)},
 * {@code ~ zetachain_cctx_log.amount type TEXT -> REAL}, {@code - index ix_market_data_price},
 * {@code ~ fk events.user_id on delete CASCADE -> RESTRICT}.
 *
 * @param change what happened to the object
 * @param kind   what sort of object it is
 * @param table  the table the object belongs to (for columns, constraints, indexes, triggers), as
 *               displayed; null for objects that stand alone
 * @param name   the object's name as displayed; for an unnamed constraint, its column list
 * @param aspect for {@link Change#ALTERED}: which property changed, one of the {@code ASPECT_}
 *               constants; null otherwise
 * @param before the old value of {@code aspect}, or a short summary of a removed object; null when added
 * @param after  the new value of {@code aspect}, or a short summary of an added object; null when removed
 */
public record SchemaChange(
        Change change,
        ObjectKind kind,
        String table,
        String name,
        String aspect,
        String before,
        String after) {

    public static final String ASPECT_TYPE = "type";
    public static final String ASPECT_NOT_NULL = "not null";
    public static final String ASPECT_DEFAULT = "default";
    public static final String ASPECT_ON_DELETE = "on delete";
    public static final String ASPECT_ON_UPDATE = "on update";
    public static final String ASPECT_DEFINITION = "definition";

    public enum Change { ADDED, REMOVED, ALTERED }

    public enum ObjectKind {
        SCHEMA, TABLE, COLUMN, PRIMARY_KEY, FOREIGN_KEY, CHECK, UNIQUE, INDEX, VIEW, TRIGGER,
        SEQUENCE, TYPE, ROUTINE, EXTENSION, TABLE_OPTION
    }

    public SchemaChange {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
