package dev.strata.schema;

import java.util.Objects;

/**
 * One difference between two schemas, as {@code strata plan}, {@code drift} and the linter report it.
 *
 * <p>Examples of {@link #describe()} (which {@link #toString()} returns too):
 * {@code + table threads (7 columns)}, {@code ~ zetachain_cctx_log.amount type TEXT -> REAL},
 * {@code - index ix_market_data_price}, {@code ~ fk events.user_id on delete CASCADE -> RESTRICT}.
 * An added object shows its summary in parentheses; a removed one is only named; an altered one
 * shows the aspect, the old and the new value. Columns have no kind word ({@code table.column});
 * foreign keys and UNIQUE constraints are named by their columns, so that SQLite's unnamed
 * constraints and PostgreSQL's generated names compare alike.
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
        Change change, ObjectKind kind, String table, String name, String aspect, String before, String after) {

    public static final String ASPECT_TYPE = "type";
    public static final String ASPECT_NOT_NULL = "not null";
    public static final String ASPECT_DEFAULT = "default";
    public static final String ASPECT_ON_DELETE = "on delete";
    public static final String ASPECT_ON_UPDATE = "on update";
    public static final String ASPECT_DEFINITION = "definition";
    /** A table or column renamed: before and after are the old and new names. */
    public static final String ASPECT_NAME = "name";

    public static final String ASPECT_COLUMNS = "columns";
    public static final String ASPECT_COLUMN_ORDER = "column order";
    public static final String ASPECT_REFERENCES = "references";
    public static final String ASPECT_COLLATION = "collation";
    public static final String ASPECT_GENERATED = "generated";
    public static final String ASPECT_IDENTITY = "identity";
    public static final String ASPECT_DEFERRABLE = "deferrable";
    public static final String ASPECT_AUTOINCREMENT = "autoincrement";
    public static final String ASPECT_VALID = "valid";
    public static final String ASPECT_MATERIALIZED = "materialized";
    public static final String ASPECT_COMMENT = "comment";
    public static final String ASPECT_VERSION = "version";
    public static final String ASPECT_SCHEMA = "schema";
    public static final String ASPECT_PARTITIONING = "partitioning";
    public static final String ASPECT_STORAGE_PARAMETERS = "storage parameters";
    public static final String ASPECT_ROW_SECURITY = "row level security";
    public static final String ASPECT_CONSTRAINT_COMMENTS = "comments on constraints";
    public static final String ASPECT_GRANT_OPTION = "with grant option";

    /** Longer values than this (function bodies, view queries) are shown as "changed" by {@link #describe()}. */
    private static final int SHORT_VALUE = 60;

    public enum Change {
        ADDED,
        REMOVED,
        ALTERED
    }

    public enum ObjectKind {
        SCHEMA("schema"),
        TABLE("table"),
        COLUMN(""),
        PRIMARY_KEY("primary key"),
        FOREIGN_KEY("fk"),
        CHECK("check"),
        UNIQUE("unique"),
        INDEX("index"),
        VIEW("view"),
        TRIGGER("trigger"),
        SEQUENCE("sequence"),
        TYPE("type"),
        ROUTINE("function"),
        EXTENSION("extension"),
        TABLE_OPTION("option"),
        VIRTUAL_TABLE("virtual table"),
        POLICY("policy"),
        GRANT("grant");

        private final String word;

        ObjectKind(String word) {
            this.word = word;
        }

        /** The word {@link #describe()} puts before the object's name; empty for columns. */
        public String word() {
            return word;
        }

        /** Objects that belong to a table but have a name of their own, shown without the table. */
        boolean namedOnItsOwn() {
            return this == INDEX || this == TRIGGER || this == GRANT;
        }
    }

    public SchemaChange {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** The change in one line for people; see the class comment for the forms. */
    public String describe() {
        return switch (change) {
            case ADDED -> "+ " + subject() + (after == null ? "" : " (" + after + ")");
            case REMOVED -> "- " + subject();
            case ALTERED -> "~ " + subject() + " " + aspect + " " + alteration();
        };
    }

    /** The object as named in {@link #describe()}: kind word, then {@code table.name} or the name. */
    public String subject() {
        String object;
        if (kind == ObjectKind.PRIMARY_KEY) {
            object = table;
        } else if (table == null || kind.namedOnItsOwn()) {
            object = name;
        } else {
            object = table + "." + name;
        }
        return kind.word().isEmpty() ? object : kind.word() + " " + object;
    }

    private String alteration() {
        String from = String.valueOf(before);
        String to = String.valueOf(after);
        if (isLong(from) || isLong(to)) {
            return "changed";
        }
        return from + " -> " + to;
    }

    private static boolean isLong(String value) {
        return value.length() > SHORT_VALUE || value.indexOf('\n') >= 0;
    }

    @Override
    public String toString() {
        return describe();
    }
}
