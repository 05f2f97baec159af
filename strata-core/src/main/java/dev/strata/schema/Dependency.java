package dev.strata.schema;

import java.util.Objects;

/**
 * One object that needs another to exist when it is created, as the engine recorded it (PostgreSQL's
 * pg_depend): a function whose SQL-standard body reads a table, a table whose default calls a
 * function, a view over a function. {@code strata dump} writes objects in this order, so the script
 * loads; it is not a difference between schemas of its own.
 */
public record Dependency(SchemaObject dependent, SchemaObject referenced) {

    public Dependency {
        Objects.requireNonNull(dependent, "dependent");
        Objects.requireNonNull(referenced, "referenced");
    }

    /** An object of the model a dependency can name. */
    public enum Kind {
        TABLE,
        VIEW,
        ROUTINE,
        TYPE
    }

    /**
     * @param arguments a routine's identity argument types (tell overloads apart); empty otherwise
     */
    public record SchemaObject(Kind kind, QualifiedName name, String arguments) implements Comparable<SchemaObject> {

        public SchemaObject {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }

        public static SchemaObject of(Table table) {
            return new SchemaObject(Kind.TABLE, table.name(), "");
        }

        public static SchemaObject of(View view) {
            return new SchemaObject(Kind.VIEW, view.name(), "");
        }

        public static SchemaObject of(Routine routine) {
            return new SchemaObject(Kind.ROUTINE, routine.name(), routine.arguments());
        }

        public static SchemaObject of(UserType type) {
            return new SchemaObject(Kind.TYPE, type.name(), "");
        }

        @Override
        public int compareTo(SchemaObject other) {
            int byKind = kind.compareTo(other.kind);
            if (byKind != 0) {
                return byKind;
            }
            int byName = name.compareTo(other.name);
            return byName != 0 ? byName : arguments.compareTo(other.arguments);
        }
    }
}
