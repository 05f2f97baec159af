package dev.strata.ddl;

import dev.strata.sql.Lexeme;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads PostgreSQL's VACUUM, CLUSTER and REINDEX, in the parenthesised option form and in the older
 * keyword form, into a {@link Change.Maintenance}. The linter needs to know whether the command
 * rewrites or rebuilds under a lock that blocks the table, and which tables it names.
 */
final class MaintenanceReader {

    /** The words PostgreSQL reads as false for a boolean option ({@code FULL false}). */
    private static final Set<String> FALSE = Set.of("FALSE", "OFF", "0");

    private MaintenanceReader() {}

    static Change read(Cursor in) {
        Lexeme at = in.next();
        return switch (at.upper()) {
            case "VACUUM" -> vacuum(in, at);
            case "CLUSTER" -> cluster(in, at);
            default -> reindex(in, at);
        };
    }

    /** {@code VACUUM [(option, ...)] [FULL] [FREEZE] [VERBOSE] [ANALYZE] [table [(columns)], ...]}. */
    private static Change vacuum(Cursor in, Lexeme at) {
        boolean full = optionOn(in.group(), "FULL");
        while (in.isAnyWord("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE")) {
            full |= in.next().isWord("FULL");
        }
        List<Name> tables = new ArrayList<>();
        do {
            Name table = withoutDatabase(in, in.name());
            if (table == null) {
                break;
            }
            tables.add(table);
            in.group(); // the columns ANALYZE reads
        } while (in.acceptSymbol(","));
        return new Change.Maintenance(
                Change.MaintenanceCommand.VACUUM, Change.ObjectType.TABLE, tables, full, false, at);
    }

    /**
     * {@code CLUSTER [(option, ...)] [VERBOSE] [table [USING index]]}, or the old {@code CLUSTER index
     * ON table}. Without a table it re-clusters every table that was clustered before.
     */
    private static Change cluster(Cursor in, Lexeme at) {
        in.group();
        in.accept("VERBOSE");
        Name first = in.name();
        Name table = in.accept("ON") ? in.name() : first;
        return new Change.Maintenance(
                Change.MaintenanceCommand.CLUSTER,
                Change.ObjectType.TABLE,
                table == null ? List.of() : List.of(table),
                true,
                false,
                at);
    }

    /** {@code REINDEX [(option, ...)] {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM} [CONCURRENTLY] [name]}. */
    private static Change reindex(Cursor in, Lexeme at) {
        boolean concurrently = optionOn(in.group(), "CONCURRENTLY");
        Change.ObjectType scope;
        if (in.accept("INDEX")) {
            scope = Change.ObjectType.INDEX;
        } else if (in.accept("TABLE")) {
            scope = Change.ObjectType.TABLE;
        } else if (in.accept("SCHEMA")) {
            scope = Change.ObjectType.SCHEMA;
        } else if (in.accept("DATABASE") || in.accept("SYSTEM")) {
            scope = Change.ObjectType.OTHER;
        } else {
            return null;
        }
        concurrently |= in.accept("CONCURRENTLY");
        Name name = in.name();
        return new Change.Maintenance(
                Change.MaintenanceCommand.REINDEX,
                scope,
                name == null ? List.of() : List.of(name),
                false,
                concurrently,
                at);
    }

    /**
     * PostgreSQL accepts {@code database.schema.table} for the current database: the name read so far
     * is then the database and the schema, and the table follows.
     */
    private static Name withoutDatabase(Cursor in, Name name) {
        if (name == null || name.schema() == null || !in.isSymbol(".")) {
            return name;
        }
        in.acceptSymbol(".");
        Name last = in.name();
        return last == null ? name : new Name(name.name(), last.name(), name.at());
    }

    /** Whether a parenthesised option list turns {@code option} on: named, and not followed by false. */
    private static boolean optionOn(List<Lexeme> options, String option) {
        for (List<Lexeme> item : Cursor.splitAtCommas(options)) {
            if (!item.isEmpty() && item.get(0).isWord(option)) {
                if (item.size() == 1) {
                    return true;
                }
                // A value may be a word, a number or a string: FULL off, FULL 0, FULL 'off'.
                String value = item.get(1).text().replaceAll("^'(.*)'$", "$1");
                return !FALSE.contains(value.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return false;
    }
}
