package dev.strata.ddl;

import dev.strata.sql.Lexeme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads CREATE TABLE bodies, column definitions, table constraints and ALTER TABLE actions. */
final class TableReader {

    /** Words that end a column's type and start its constraints. */
    private static final Set<String> CONSTRAINT_WORDS = Set.of(
            "CONSTRAINT",
            "PRIMARY",
            "NOT",
            "NULL",
            "UNIQUE",
            "CHECK",
            "DEFAULT",
            "COLLATE",
            "REFERENCES",
            "GENERATED",
            "AS",
            "ON",
            "AUTOINCREMENT");

    /** Words that open a table constraint (after an optional CONSTRAINT name). */
    private static final Set<String> TABLE_CONSTRAINTS = Set.of("PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE");

    private TableReader() {}

    /** After CREATE [TEMP] TABLE. */
    static Change createTable(Cursor in, boolean temporary) {
        boolean ifNotExists = in.acceptAll("IF", "NOT", "EXISTS");
        Name table = in.name();
        if (table == null) {
            return null;
        }
        if (!in.isSymbol("(")) {
            boolean asSelect = in.accept("AS");
            Optional<Name> from = Optional.empty();
            int fromAt = asSelect ? in.indexOfTopLevel("FROM") : -1;
            if (fromAt >= 0) {
                in.reset(fromAt + 1);
                from = Optional.ofNullable(in.name());
            }
            return new Change.CreateTable(
                    table, ifNotExists, temporary, List.of(), List.of(), List.of(), asSelect, from);
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        List<ForeignKeyDefinition> foreignKeys = new ArrayList<>();
        List<List<String>> uniques = new ArrayList<>();
        for (List<Lexeme> item : Cursor.splitAtCommas(in.group())) {
            Cursor part = new Cursor(item);
            if (isTableConstraint(part)) {
                tableConstraint(part, foreignKeys, uniques);
            } else if (!part.isWord("LIKE") && !part.atEnd()) {
                ColumnDefinition column = column(part);
                if (column != null) {
                    columns.add(column);
                    if (column.references() != null) {
                        foreignKeys.add(column.references());
                    }
                    if (column.unique()) {
                        uniques.add(List.of(column.name()));
                    }
                }
            }
        }
        return new Change.CreateTable(table, ifNotExists, temporary, columns, foreignKeys, uniques, false);
    }

    private static boolean isTableConstraint(Cursor part) {
        Lexeme first = part.peek();
        if (first == null || first.kind() != Lexeme.Kind.WORD) {
            return false;
        }
        return first.isWord("CONSTRAINT") || TABLE_CONSTRAINTS.contains(first.upper());
    }

    /** After an optional CONSTRAINT name, a table constraint of CREATE TABLE. */
    private static void tableConstraint(
            Cursor part, List<ForeignKeyDefinition> foreignKeys, List<List<String>> uniques) {
        if (part.isWord("CONSTRAINT")) {
            part.next();
            part.identifier();
        }
        Lexeme at = part.peek();
        if (part.acceptAll("FOREIGN", "KEY")) {
            List<String> columns = Cursor.columnNames(part.group());
            if (part.accept("REFERENCES")) {
                foreignKeys.add(references(part, columns, at));
            }
        } else if (part.accept("UNIQUE")) {
            uniques.add(Cursor.columnNames(part.group()));
        } else if (part.acceptAll("PRIMARY", "KEY")) {
            // A primary key is a unique key too, with the index that lookups by its leading columns use.
            uniques.add(Cursor.columnNames(part.group()));
        }
    }

    /** A column definition: name, type, constraints. */
    // The ON CONFLICT branch reads the same as the last one, but its condition has already consumed two words.
    @SuppressWarnings("DuplicateBranches")
    static ColumnDefinition column(Cursor in) {
        Lexeme at = in.peek();
        String name = in.identifier();
        if (name == null) {
            return null;
        }
        List<Lexeme> type = new ArrayList<>();
        while (!in.atEnd()
                && !(in.peek().kind() == Lexeme.Kind.WORD
                        && CONSTRAINT_WORDS.contains(in.peek().upper()))) {
            if (in.isSymbol("(")) {
                type.addAll(in.groupWithParentheses());
            } else {
                type.add(in.next());
            }
        }
        boolean notNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        boolean generated = false;
        boolean stored = false;
        boolean identity = false;
        List<Lexeme> defaultValue = List.of();
        ForeignKeyDefinition references = null;
        while (!in.atEnd()) {
            Lexeme word = in.peek();
            if (in.accept("CONSTRAINT")) {
                in.identifier();
            } else if (in.acceptAll("NOT", "NULL")) {
                notNull = true;
            } else if (in.acceptAll("PRIMARY", "KEY")) {
                primaryKey = true;
            } else if (in.accept("UNIQUE")) {
                unique = true;
            } else if (in.accept("CHECK")) {
                in.group();
            } else if (in.accept("DEFAULT")) {
                defaultValue = defaultExpression(in);
            } else if (in.accept("COLLATE")) {
                in.next();
            } else if (in.accept("REFERENCES")) {
                references = references(in, List.of(name), word);
            } else if (in.accept("GENERATED")) {
                boolean computed = generated(in);
                generated = generated || computed;
                identity = identity || !computed;
                stored = stored || in.accept("STORED");
            } else if (in.accept("AS")) {
                generated = true;
                in.group();
                stored = in.accept("STORED");
            } else if (in.acceptAll("ON", "CONFLICT")) {
                in.next();
            } else {
                in.next(); // NULL, ASC, DESC, AUTOINCREMENT, DEFERRABLE ... change nothing we read
            }
        }
        String typeText = Cursor.text(type);
        identity = identity || typeText.toUpperCase(java.util.Locale.ROOT).endsWith("SERIAL");
        return new ColumnDefinition(
                name, typeText, notNull, defaultValue, primaryKey, unique, references, generated, stored, identity, at);
    }

    /** After GENERATED: true for a computed column, false for an identity column. */
    private static boolean generated(Cursor in) {
        in.accept("ALWAYS");
        in.acceptAll("BY", "DEFAULT");
        in.accept("AS");
        if (in.accept("IDENTITY")) {
            in.group();
            return false;
        }
        in.group();
        return true;
    }

    /** A DEFAULT's expression: one term, or a parenthesised one, with casts and operators after it. */
    private static List<Lexeme> defaultExpression(Cursor in) {
        List<Lexeme> taken = new ArrayList<>();
        boolean first = true;
        while (!in.atEnd()) {
            Lexeme next = in.peek();
            if (!first && next.kind() == Lexeme.Kind.WORD && CONSTRAINT_WORDS.contains(next.upper())) {
                break;
            }
            first = false;
            if (next.isSymbol("(")) {
                taken.addAll(in.groupWithParentheses());
            } else {
                taken.add(in.next());
            }
        }
        return taken;
    }

    /** After REFERENCES: the target, its columns and the actions. */
    static ForeignKeyDefinition references(Cursor in, List<String> columns, Lexeme at) {
        Name target = in.name();
        List<String> targetColumns = Cursor.columnNames(in.group());
        String onDelete = null;
        String onUpdate = null;
        Lexeme onDeleteAt = null;
        while (!in.atEnd()) {
            if (in.acceptAll("ON", "DELETE")) {
                onDeleteAt = in.peek();
                onDelete = referentialAction(in);
            } else if (in.acceptAll("ON", "UPDATE")) {
                onUpdate = referentialAction(in);
            } else if (in.accept("MATCH")) {
                in.next();
            } else if (in.acceptAll("NOT", "DEFERRABLE") || in.accept("DEFERRABLE")) {
                // read past: deferral changes nothing strata reads
            } else if (in.accept("INITIALLY")) {
                in.next();
            } else {
                break;
            }
        }
        return new ForeignKeyDefinition(columns, target, targetColumns, onDelete, onUpdate, at, onDeleteAt);
    }

    private static String referentialAction(Cursor in) {
        if (in.acceptAll("SET", "NULL")) {
            in.group();
            return "SET NULL";
        }
        if (in.acceptAll("SET", "DEFAULT")) {
            in.group();
            return "SET DEFAULT";
        }
        if (in.acceptAll("NO", "ACTION")) {
            return "NO ACTION";
        }
        Lexeme word = in.next();
        return word == null ? null : word.upper();
    }

    /** After ALTER (standing on TABLE). */
    static Change alterTable(Cursor in) {
        in.next();
        in.next();
        boolean ifExists = in.acceptAll("IF", "EXISTS");
        in.accept("ONLY");
        Name table = in.name();
        if (table == null) {
            return null;
        }
        in.acceptSymbol("*");
        List<AlterAction> actions = new ArrayList<>();
        while (!in.atEnd()) {
            List<Lexeme> item = in.untilComma();
            in.acceptSymbol(",");
            if (!item.isEmpty()) {
                actions.add(alterAction(new Cursor(item)));
            }
        }
        return new Change.AlterTable(table, ifExists, actions);
    }

    private static AlterAction alterAction(Cursor in) {
        Lexeme at = in.peek();
        if (in.accept("ADD")) {
            if (isConstraintStart(in)) {
                return addConstraint(in, at);
            }
            in.accept("COLUMN");
            boolean ifNotExists = in.acceptAll("IF", "NOT", "EXISTS");
            ColumnDefinition column = column(in);
            return column == null
                    ? new AlterAction.OtherAction(at)
                    : new AlterAction.AddColumn(column, ifNotExists, at);
        }
        if (in.accept("DROP")) {
            if (in.isWord("CONSTRAINT")) {
                return new AlterAction.OtherAction(at);
            }
            in.accept("COLUMN");
            boolean ifExists = in.acceptAll("IF", "EXISTS");
            String column = in.identifier();
            boolean cascade = in.accept("CASCADE");
            return column == null
                    ? new AlterAction.OtherAction(at)
                    : new AlterAction.DropColumn(column, ifExists, cascade, at);
        }
        if (in.isWord("DETACH") && in.isWord(1, "PARTITION")) {
            in.next();
            in.next();
            Name partition = in.name();
            boolean concurrently = in.accept("CONCURRENTLY") || in.accept("FINALIZE");
            return partition == null
                    ? new AlterAction.OtherAction(at)
                    : new AlterAction.DetachPartition(partition, concurrently, at);
        }
        if (in.accept("RENAME")) {
            if (in.accept("TO")) {
                Name to = in.name();
                return to == null ? new AlterAction.OtherAction(at) : new AlterAction.RenameTable(to, at);
            }
            if (in.isWord("CONSTRAINT")) {
                return new AlterAction.OtherAction(at);
            }
            in.accept("COLUMN");
            String from = in.identifier();
            String to = in.accept("TO") ? in.identifier() : null;
            return from == null || to == null
                    ? new AlterAction.OtherAction(at)
                    : new AlterAction.RenameColumn(from, to, at);
        }
        if (in.accept("ALTER")) {
            in.accept("COLUMN");
            String column = in.identifier();
            if (column == null) {
                return new AlterAction.OtherAction(at);
            }
            if (in.acceptAll("SET", "DATA", "TYPE") || in.accept("TYPE")) {
                List<Lexeme> type = new ArrayList<>();
                while (!in.atEnd() && !in.isWord("USING") && !in.isWord("COLLATE")) {
                    type.add(in.next());
                }
                return new AlterAction.AlterColumnType(column, Cursor.text(type), in.containsTopLevel("USING"), at);
            }
            if (in.acceptAll("SET", "NOT", "NULL")) {
                return new AlterAction.SetNotNull(column, at);
            }
            return new AlterAction.AlterColumnOther(column, at);
        }
        if (in.acceptAll("VALIDATE", "CONSTRAINT")) {
            return new AlterAction.ValidateConstraint(in.identifier(), at);
        }
        return new AlterAction.OtherAction(at);
    }

    /** After ADD: a constraint rather than a column (whose name could, in theory, be such a word). */
    private static boolean isConstraintStart(Cursor in) {
        if (in.isWord("CONSTRAINT")) {
            return true;
        }
        if (in.isWord("PRIMARY") || in.isWord("FOREIGN")) {
            return in.isWord(1, "KEY");
        }
        if (in.isWord("UNIQUE") || in.isWord("CHECK") || in.isWord("EXCLUDE")) {
            Lexeme next = in.peek(1);
            return next == null || next.isSymbol("(") || next.isWord("USING") || next.isWord("NULLS");
        }
        return false;
    }

    private static AlterAction addConstraint(Cursor in, Lexeme at) {
        String name = null;
        if (in.accept("CONSTRAINT")) {
            name = in.identifier();
        }
        boolean notValid = in.containsTopLevel("VALID") && notValid(in);
        Lexeme start = in.peek();
        if (in.acceptAll("FOREIGN", "KEY")) {
            List<String> columns = Cursor.columnNames(in.group());
            ForeignKeyDefinition key = in.accept("REFERENCES") ? references(in, columns, start) : null;
            return new AlterAction.AddConstraint(
                    name, AlterAction.ConstraintType.FOREIGN_KEY, key, columns, notValid, false, at);
        }
        if (in.accept("CHECK")) {
            return new AlterAction.AddConstraint(
                    name, AlterAction.ConstraintType.CHECK, null, List.of(), notValid, false, at);
        }
        AlterAction.ConstraintType type;
        if (in.accept("UNIQUE")) {
            type = AlterAction.ConstraintType.UNIQUE;
            in.acceptAll("NULLS", "NOT", "DISTINCT");
            in.acceptAll("NULLS", "DISTINCT");
        } else if (in.acceptAll("PRIMARY", "KEY")) {
            type = AlterAction.ConstraintType.PRIMARY_KEY;
        } else {
            return new AlterAction.AddConstraint(
                    name, AlterAction.ConstraintType.EXCLUDE, null, List.of(), notValid, false, at);
        }
        boolean usingIndex = in.acceptAll("USING", "INDEX");
        List<String> columns = usingIndex ? List.of() : Cursor.columnNames(in.group());
        return new AlterAction.AddConstraint(name, type, null, columns, notValid, usingIndex, at);
    }

    /** NOT VALID at the top level of the rest of the action. */
    private static boolean notValid(Cursor in) {
        int start = in.position();
        int valid = in.indexOfTopLevel("VALID");
        in.reset(valid - 1);
        boolean not = in.isWord("NOT");
        in.reset(start);
        return not;
    }
}
