package dev.strata.refactor;

import dev.strata.config.ConfigurationException;
import dev.strata.schema.ReferentialAction;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One change {@code strata alter TABLE} makes to a table. Columns are named as they are before the
 * alteration, also when another operation of the same command renames them.
 *
 * <p>The static factories read the {@code NAME=VALUE} forms of the command line and throw
 * {@link ConfigurationException} for a malformed one.
 */
public sealed interface AlterOperation {

    /** The operation as the command line writes it, for the migration's header comment. */
    String describe();

    /** {@code --type COLUMN=TYPE [--using EXPR]}: the expression reads the old row, e.g. {@code round(amount, 2)}. */
    record ChangeType(String column, String type, Optional<String> using) implements AlterOperation {
        public ChangeType {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(using, "using");
        }

        @Override
        public String describe() {
            return "--type " + column + "=" + type
                    + using.map(u -> " --using \"" + u + "\"").orElse("");
        }
    }

    /** Which action of a foreign key {@link ForeignKeyAction} changes. */
    enum Event {
        DELETE,
        UPDATE;

        String option() {
            return this == DELETE ? "--on-delete" : "--on-update";
        }
    }

    /** {@code --on-delete COLUMN=ACTION} or {@code --on-update COLUMN=ACTION}, for the foreign key on COLUMN. */
    record ForeignKeyAction(String column, Event event, ReferentialAction action) implements AlterOperation {
        public ForeignKeyAction {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(action, "action");
        }

        @Override
        public String describe() {
            return event.option() + " " + column + "=" + action.sql();
        }
    }

    /** {@code --not-null COLUMN}. */
    record SetNotNull(String column) implements AlterOperation {
        @Override
        public String describe() {
            return "--not-null " + column;
        }
    }

    /** {@code --nullable COLUMN}. */
    record DropNotNull(String column) implements AlterOperation {
        @Override
        public String describe() {
            return "--nullable " + column;
        }
    }

    /** {@code --add-check NAME=EXPR}. */
    record AddCheck(String name, String expression) implements AlterOperation {
        @Override
        public String describe() {
            return "--add-check " + name + "=\"" + expression + "\"";
        }
    }

    /** {@code --drop-check NAME}. */
    record DropCheck(String name) implements AlterOperation {
        @Override
        public String describe() {
            return "--drop-check " + name;
        }
    }

    /** {@code --add-unique COLUMNS}: the columns, comma-separated on the command line. */
    record AddUnique(List<String> columns) implements AlterOperation {
        public AddUnique {
            columns = List.copyOf(columns);
        }

        @Override
        public String describe() {
            return "--add-unique " + String.join(",", columns);
        }
    }

    /** {@code --drop-column COLUMN}. */
    record DropColumn(String column) implements AlterOperation {
        @Override
        public String describe() {
            return "--drop-column " + column;
        }
    }

    /** {@code --rename-column OLD=NEW}. */
    record RenameColumn(String from, String to) implements AlterOperation {
        @Override
        public String describe() {
            return "--rename-column " + from + "=" + to;
        }
    }

    /**
     * {@code --soft-delete}: a nullable {@code deleted_at} timestamp, an index for live-row lookups, a
     * {@code TABLE_live} view of the rows not deleted and a trigger that refuses a hard DELETE.
     */
    record SoftDelete() implements AlterOperation {
        @Override
        public String describe() {
            return "--soft-delete";
        }
    }

    // ---- reading the command line's forms -------------------------------------------------------

    static ChangeType type(String columnEqualsType, Optional<String> using) {
        String[] parts = pair("--type", columnEqualsType, "COLUMN=TYPE", "amount=REAL");
        return new ChangeType(parts[0], parts[1], using.map(String::strip).filter(u -> !u.isEmpty()));
    }

    static ForeignKeyAction foreignKeyAction(Event event, String columnEqualsAction) {
        String[] parts = pair(event.option(), columnEqualsAction, "COLUMN=ACTION", "user_id=RESTRICT");
        try {
            return new ForeignKeyAction(parts[0], event, ReferentialAction.parse(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(event.option() + " " + columnEqualsAction + ": '" + parts[1]
                    + "' is not an action; use CASCADE, RESTRICT, SET NULL, SET DEFAULT or NO ACTION");
        }
    }

    static AddCheck addCheck(String nameEqualsExpression) {
        String[] parts = pair("--add-check", nameEqualsExpression, "NAME=EXPR", "amount_positive=\"amount > 0\"");
        return new AddCheck(parts[0], parts[1]);
    }

    static RenameColumn renameColumn(String oldEqualsNew) {
        String[] parts = pair("--rename-column", oldEqualsNew, "OLD=NEW", "amount=amount_text");
        return new RenameColumn(parts[0], parts[1]);
    }

    static AddUnique addUnique(String columns) {
        List<String> names =
                Arrays.stream(columns.split(",")).map(String::strip).toList();
        if (names.isEmpty() || names.stream().anyMatch(String::isEmpty)) {
            throw new ConfigurationException("--add-unique " + columns + ": give the columns separated by commas,"
                    + " e.g. --add-unique tenant_id,email");
        }
        return new AddUnique(names);
    }

    /** NAME=VALUE split at the first '=', both sides required; the value may itself hold '='. */
    private static String[] pair(String option, String text, String form, String example) {
        int at = text.indexOf('=');
        String left = at < 0 ? "" : text.substring(0, at).strip();
        String right = at < 0 ? "" : text.substring(at + 1).strip();
        if (left.isEmpty() || right.isEmpty()) {
            throw new ConfigurationException(
                    option + " " + text + ": expected " + form + ", e.g. " + option + " " + example);
        }
        return new String[] {left, right};
    }
}
