package dev.strata.ddl;

import dev.strata.sql.Lexeme;
import dev.strata.sql.StatementKind;
import java.util.List;
import java.util.Optional;

/**
 * What one statement does, as far as schema safety is concerned. Statements strata does not need to
 * understand are {@link Other}; reading never fails, it only understands less.
 */
public sealed interface Change {

    /**
     * CREATE [TEMP] TABLE.
     *
     * @param uniques    the unique keys, a table-level PRIMARY KEY (a, b) among them
     * @param selectFrom for CREATE TABLE ... AS SELECT, the first table the SELECT reads from
     */
    record CreateTable(
            Name table,
            boolean ifNotExists,
            boolean temporary,
            List<ColumnDefinition> columns,
            List<ForeignKeyDefinition> foreignKeys,
            List<List<String>> uniques,
            boolean asSelect,
            Optional<Name> selectFrom)
            implements Change {
        public CreateTable {
            columns = List.copyOf(columns);
            foreignKeys = List.copyOf(foreignKeys);
            uniques = List.copyOf(uniques);
        }

        public CreateTable(
                Name table,
                boolean ifNotExists,
                boolean temporary,
                List<ColumnDefinition> columns,
                List<ForeignKeyDefinition> foreignKeys,
                List<List<String>> uniques,
                boolean asSelect) {
            this(table, ifNotExists, temporary, columns, foreignKeys, uniques, asSelect, Optional.empty());
        }

        public Optional<ColumnDefinition> column(String name) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
        }
    }

    /**
     * CREATE [UNIQUE] INDEX.
     *
     * @param index   the index's name, or null when PostgreSQL is left to choose one
     * @param columns the key columns; null for a key that is an expression
     */
    record CreateIndex(
            Name index,
            Name table,
            boolean unique,
            boolean concurrently,
            boolean ifNotExists,
            List<String> columns,
            Lexeme at)
            implements Change {
        public CreateIndex {
            columns = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(columns));
        }
    }

    /** CREATE VIEW, TRIGGER and the other objects that only import and robustness rules care about. */
    record CreateOther(ObjectType type, Name name, boolean ifNotExists, boolean orReplace, Lexeme at)
            implements Change {}

    /**
     * DROP TABLE / INDEX / VIEW / TRIGGER / SCHEMA ...
     *
     * @param concurrently PostgreSQL's DROP INDEX CONCURRENTLY
     */
    record Drop(ObjectType type, List<Name> names, boolean ifExists, boolean cascade, boolean concurrently, Lexeme at)
            implements Change {
        public Drop {
            names = List.copyOf(names);
        }
    }

    /** ALTER TABLE with its actions, in order. */
    record AlterTable(Name table, boolean ifExists, List<AlterAction> actions) implements Change {
        public AlterTable {
            actions = List.copyOf(actions);
        }
    }

    /** TRUNCATE; {@code cascade} when PostgreSQL is told to empty the tables that reference these too. */
    record Truncate(List<Name> tables, boolean cascade, Lexeme at) implements Change {
        public Truncate {
            tables = List.copyOf(tables);
        }
    }

    /** DELETE FROM; {@code where} is false when every row goes. */
    record Delete(Name table, boolean where, Lexeme at) implements Change {}

    /**
     * UPDATE; {@code where} is false when every row changes.
     *
     * @param columns the columns SET assigns, as written; empty when the reader could not tell
     */
    record Update(Name table, boolean where, Lexeme at, List<String> columns) implements Change {
        public Update {
            columns = List.copyOf(columns);
        }
    }

    /** INSERT INTO, with the first table its SELECT reads from, if it has one. */
    record Insert(Name table, Optional<Name> selectFrom) implements Change {}

    /** PRAGMA name [= value]; {@code value} is empty when the pragma is only read. */
    record Pragma(String name, String value, Lexeme at) implements Change {}

    /** PostgreSQL SET [LOCAL | SESSION] name = value. */
    record SetParameter(String name, boolean local, Lexeme at) implements Change {}

    /** BEGIN, COMMIT, SAVEPOINT and their kin. */
    record TransactionControl(StatementKind kind, Lexeme at) implements Change {}

    /**
     * PostgreSQL's VACUUM, CLUSTER or REINDEX, which keep a table's storage rather than its shape but
     * can lock it while they work.
     *
     * @param command      which of the three
     * @param scope        what it names: {@code TABLE} for VACUUM and CLUSTER; for REINDEX its {@code
     *                     INDEX}, {@code TABLE}, {@code SCHEMA}, or {@code OTHER} for {@code DATABASE}
     *                     and {@code SYSTEM}
     * @param names        the tables, index or schema named; empty when it works on every table
     * @param rewrites     the table is copied anew: {@code VACUUM FULL}, and every {@code CLUSTER}
     * @param concurrently {@code REINDEX ... CONCURRENTLY}, or its {@code (CONCURRENTLY)} option
     */
    record Maintenance(
            MaintenanceCommand command,
            ObjectType scope,
            List<Name> names,
            boolean rewrites,
            boolean concurrently,
            Lexeme at)
            implements Change {
        public Maintenance {
            names = List.copyOf(names);
        }
    }

    /** PostgreSQL's ALTER TYPE ... ADD VALUE of an enum; {@code value} as written, {@code at} the ADD. */
    record AddEnumValue(Name type, String value, Lexeme at) implements Change {}

    /** PostgreSQL's ALTER TYPE ... RENAME VALUE of an enum; the values as written, {@code at} the RENAME. */
    record RenameEnumValue(Name type, String value, String renamedTo, Lexeme at) implements Change {}

    /** PostgreSQL's ALTER DOMAIN, in the forms that check the domain's values; {@code at} is its action's word. */
    record AlterDomain(Name domain, DomainChange change, Lexeme at) implements Change {}

    /** PostgreSQL's ALTER SCHEMA ... RENAME TO; {@code at} is the RENAME. */
    record RenameSchema(Name schema, String renamedTo, Lexeme at) implements Change {}

    /** Anything else. */
    record Other() implements Change {}

    /** What an {@link AlterDomain} does. */
    enum DomainChange {
        /** ADD a constraint, which is checked against every value at once. */
        ADD_CONSTRAINT,
        /** ADD a constraint with NOT VALID: only new values are checked. */
        ADD_CONSTRAINT_NOT_VALID,
        SET_NOT_NULL
    }

    /** The maintenance commands {@link Maintenance} reads. */
    enum MaintenanceCommand {
        VACUUM,
        CLUSTER,
        REINDEX
    }

    /** The kinds of object CREATE and DROP name. */
    enum ObjectType {
        TABLE,
        INDEX,
        VIEW,
        MATERIALIZED_VIEW,
        TRIGGER,
        SCHEMA,
        SEQUENCE,
        TYPE,
        FUNCTION,
        OTHER
    }
}
