package dev.strata.ddl;

import dev.strata.sql.Lexeme;

/** One action of an ALTER TABLE. {@code at} is the action's first word, for messages. */
public sealed interface AlterAction {

    Lexeme at();

    record AddColumn(ColumnDefinition column, boolean ifNotExists, Lexeme at) implements AlterAction {}

    record DropColumn(String column, boolean ifExists, boolean cascade, Lexeme at) implements AlterAction {}

    record RenameColumn(String from, String to, Lexeme at) implements AlterAction {}

    record RenameTable(Name to, Lexeme at) implements AlterAction {}

    /** PostgreSQL ALTER COLUMN ... TYPE; {@code using} when a USING expression converts the values. */
    record AlterColumnType(String column, String type, boolean using, Lexeme at) implements AlterAction {}

    /** PostgreSQL ALTER COLUMN ... SET NOT NULL. */
    record SetNotNull(String column, Lexeme at) implements AlterAction {}

    /** Any other ALTER COLUMN (DROP NOT NULL, SET DEFAULT ...). */
    record AlterColumnOther(String column, Lexeme at) implements AlterAction {}

    /**
     * ADD [CONSTRAINT name] FOREIGN KEY / CHECK / UNIQUE / PRIMARY KEY / EXCLUDE.
     *
     * @param foreignKey the key, for {@link ConstraintType#FOREIGN_KEY}; else null
     * @param columns    the constrained columns of a UNIQUE or PRIMARY KEY constraint
     * @param notValid   NOT VALID: existing rows are not checked now
     * @param usingIndex UNIQUE / PRIMARY KEY USING INDEX: built from an index that exists already
     */
    record AddConstraint(
            String name,
            ConstraintType type,
            ForeignKeyDefinition foreignKey,
            java.util.List<String> columns,
            boolean notValid,
            boolean usingIndex,
            Lexeme at)
            implements AlterAction {
        public AddConstraint {
            columns = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(columns));
        }
    }

    record ValidateConstraint(String name, Lexeme at) implements AlterAction {}

    /**
     * PostgreSQL DETACH PARTITION; {@code concurrently} for its CONCURRENTLY form, and for FINALIZE,
     * which completes one.
     */
    record DetachPartition(Name partition, boolean concurrently, Lexeme at) implements AlterAction {}

    /** Anything else ALTER TABLE can do (DROP CONSTRAINT, SET, OWNER TO ...). */
    record OtherAction(Lexeme at) implements AlterAction {}

    enum ConstraintType {
        FOREIGN_KEY,
        CHECK,
        UNIQUE,
        PRIMARY_KEY,
        EXCLUDE
    }
}
