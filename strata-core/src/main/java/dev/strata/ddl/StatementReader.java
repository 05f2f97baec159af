package dev.strata.ddl;

import dev.strata.sql.Lexeme;
import dev.strata.sql.StatementKind;
import dev.strata.sql.TokenizedScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a statement does from its lexemes. It knows the shapes of DDL and DML that matter for
 * schema safety in both dialects and answers {@link Change.Other} for everything else, so an
 * unusual statement is understood less, never misread as something it is not.
 *
 * <p>Stateless and thread-safe.
 */
public final class StatementReader {

    private StatementReader() {}

    public static Change read(TokenizedScript.Part part) {
        StatementKind kind = part.statement().kind();
        List<Lexeme> lexemes = part.lexemes();
        if (lexemes.isEmpty()) {
            return new Change.Other();
        }
        if (kind != StatementKind.ORDINARY && kind != StatementKind.NO_TRANSACTION) {
            return new Change.TransactionControl(kind, lexemes.get(0));
        }
        return read(lexemes);
    }

    static Change read(List<Lexeme> lexemes) {
        Cursor in = new Cursor(lexemes);
        skipWith(in);
        Lexeme first = in.peek();
        if (first == null) {
            return new Change.Other();
        }
        Change change = switch (first.upper()) {
            case "CREATE" -> create(in);
            case "DROP" -> drop(in);
            case "ALTER" ->
                in.isWord(1, "TABLE")
                        ? TableReader.alterTable(in)
                        : in.isWord(1, "TYPE") || in.isWord(1, "DOMAIN") || in.isWord(1, "SCHEMA")
                                ? ObjectReader.read(in)
                                : null;
            case "TRUNCATE" -> truncate(in);
            case "DELETE" -> delete(in);
            case "UPDATE" -> update(in);
            case "INSERT", "REPLACE" -> insert(in);
            case "PRAGMA" -> pragma(in);
            case "SET" -> set(in);
            case "VACUUM", "CLUSTER", "REINDEX" -> MaintenanceReader.read(in);
            default -> null;
        };
        return change == null ? new Change.Other() : change;
    }

    /** Skips {@code WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (...) [, ...]}. */
    private static void skipWith(Cursor in) {
        if (!in.accept("WITH")) {
            return;
        }
        in.accept("RECURSIVE");
        do {
            in.identifier();
            in.group();
            in.accept("AS");
            in.accept("NOT");
            in.accept("MATERIALIZED");
            in.group();
        } while (in.acceptSymbol(","));
    }

    private static Change create(Cursor in) {
        Lexeme at = in.next();
        boolean orReplace = in.acceptAll("OR", "REPLACE");
        boolean temporary = in.accept("TEMP") || in.accept("TEMPORARY");
        in.accept("UNLOGGED");
        boolean unique = in.accept("UNIQUE");
        if (in.accept("TABLE")) {
            return TableReader.createTable(in, temporary);
        }
        if (in.accept("INDEX")) {
            return createIndex(in, unique, at);
        }
        in.accept("VIRTUAL");
        Change.ObjectType type = objectType(in);
        boolean ifNotExists = in.acceptAll("IF", "NOT", "EXISTS");
        return new Change.CreateOther(type, in.name(), ifNotExists, orReplace, at);
    }

    private static Change createIndex(Cursor in, boolean unique, Lexeme at) {
        boolean concurrently = in.accept("CONCURRENTLY");
        boolean ifNotExists = in.acceptAll("IF", "NOT", "EXISTS");
        Name index = in.isWord("ON") ? null : in.name();
        if (!in.accept("ON")) {
            return null;
        }
        in.accept("ONLY");
        Name table = in.name();
        if (table == null) {
            return null;
        }
        if (in.accept("USING")) {
            in.next();
        }
        List<String> columns = Cursor.columnNames(in.group());
        return new Change.CreateIndex(index, table, unique, concurrently, ifNotExists, columns, at);
    }

    /** The object type words after CREATE or DROP; consumes them. */
    private static Change.ObjectType objectType(Cursor in) {
        if (in.acceptAll("MATERIALIZED", "VIEW")) {
            return Change.ObjectType.MATERIALIZED_VIEW;
        }
        Lexeme word = in.peek();
        if (word == null) {
            return Change.ObjectType.OTHER;
        }
        Change.ObjectType type = switch (word.upper()) {
            case "TABLE" -> Change.ObjectType.TABLE;
            case "INDEX" -> Change.ObjectType.INDEX;
            case "VIEW" -> Change.ObjectType.VIEW;
            case "TRIGGER" -> Change.ObjectType.TRIGGER;
            case "SCHEMA" -> Change.ObjectType.SCHEMA;
            case "SEQUENCE" -> Change.ObjectType.SEQUENCE;
            case "TYPE", "DOMAIN" -> Change.ObjectType.TYPE;
            case "FUNCTION", "PROCEDURE" -> Change.ObjectType.FUNCTION;
            default -> Change.ObjectType.OTHER;
        };
        in.next();
        return type;
    }

    private static Change drop(Cursor in) {
        Lexeme at = in.next();
        Change.ObjectType type = objectType(in);
        boolean concurrently = in.accept("CONCURRENTLY");
        boolean ifExists = in.acceptAll("IF", "EXISTS");
        List<Name> names = new ArrayList<>();
        do {
            Name name = in.name();
            if (name == null) {
                break;
            }
            names.add(name);
            in.group(); // a function's argument list
        } while (in.acceptSymbol(","));
        boolean cascade = in.containsTopLevel("CASCADE");
        return new Change.Drop(type, names, ifExists, cascade, concurrently, at);
    }

    private static Change truncate(Cursor in) {
        Lexeme at = in.next();
        in.accept("TABLE");
        List<Name> tables = new ArrayList<>();
        do {
            in.accept("ONLY");
            Name name = in.name();
            if (name == null) {
                break;
            }
            tables.add(name);
            in.acceptSymbol("*");
        } while (in.acceptSymbol(","));
        return new Change.Truncate(tables, in.containsTopLevel("CASCADE"), at);
    }

    private static Change delete(Cursor in) {
        Lexeme at = in.next();
        if (!in.accept("FROM")) {
            return null;
        }
        in.accept("ONLY");
        Name table = in.name();
        return table == null ? null : new Change.Delete(table, in.containsTopLevel("WHERE"), at);
    }

    private static Change update(Cursor in) {
        Lexeme at = in.next();
        if (in.accept("OR")) {
            in.next(); // SQLite: UPDATE OR REPLACE / IGNORE / ...
        }
        in.accept("ONLY");
        Name table = in.name();
        if (table == null || !in.containsTopLevel("SET")) {
            return null;
        }
        boolean where = in.containsTopLevel("WHERE");
        in.reset(in.indexOfTopLevel("SET") + 1);
        return new Change.Update(table, where, at, assigned(in));
    }

    /** The columns of {@code SET a = 1, (b, c) = (...)}, up to the first word that ends the list. */
    private static List<String> assigned(Cursor in) {
        List<String> columns = new ArrayList<>();
        while (!in.atEnd() && !in.isAnyWord("WHERE", "FROM", "RETURNING")) {
            List<Lexeme> part = in.untilComma();
            in.acceptSymbol(",");
            if (part.isEmpty()) {
                continue;
            }
            if (part.get(0).isSymbol("(")) {
                Cursor group = new Cursor(part);
                Cursor.columnNames(group.group()).forEach(name -> {
                    if (name != null) {
                        columns.add(name);
                    }
                });
            } else if (part.get(0).isIdentifier()) {
                columns.add(Name.unquote(part.get(0).text()));
            }
            Cursor rest = new Cursor(part);
            if (rest.containsTopLevel("WHERE") || rest.containsTopLevel("FROM") || rest.containsTopLevel("RETURNING")) {
                break;
            }
        }
        return columns;
    }

    private static Change insert(Cursor in) {
        in.next();
        if (in.accept("OR")) {
            in.next();
        }
        if (!in.accept("INTO")) {
            return null;
        }
        Name table = in.name();
        if (table == null) {
            return null;
        }
        Optional<Name> from = Optional.empty();
        int select = in.indexOfTopLevel("SELECT");
        if (select >= 0) {
            in.reset(select);
            int fromAt = in.indexOfTopLevel("FROM");
            if (fromAt >= 0) {
                in.reset(fromAt + 1);
                from = Optional.ofNullable(in.name());
            }
        }
        return new Change.Insert(table, from);
    }

    private static Change pragma(Cursor in) {
        Lexeme at = in.next();
        Name name = in.name();
        if (name == null) {
            return null;
        }
        String value = "";
        if (in.acceptSymbol("=")) {
            Lexeme v = in.next();
            value = v == null ? "" : Name.unquote(v.text());
        } else if (in.isSymbol("(")) {
            value = Cursor.text(in.group());
        }
        return new Change.Pragma(name.name(), value, at);
    }

    private static Change set(Cursor in) {
        Lexeme at = in.next();
        boolean local = in.accept("LOCAL");
        in.accept("SESSION");
        String name = in.identifier();
        return name == null ? null : new Change.SetParameter(name, local, at);
    }
}
