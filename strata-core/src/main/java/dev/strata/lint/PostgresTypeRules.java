package dev.strata.lint;

import static dev.strata.lint.StatementRule.POSTGRES;

import dev.strata.ddl.AlterAction;
import dev.strata.ddl.Change;
import dev.strata.ddl.ColumnDefinition;
import dev.strata.ddl.Name;
import dev.strata.sql.Lexeme;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL column types and names that work on the day they are written and fail later: keys that
 * run out of numbers, times that lose their zone, padded text, names PostgreSQL shortens.
 */
final class PostgresTypeRules {

    /** Integer types of 32 bits or fewer, serial forms included. */
    private static final Set<String> SMALL_INTEGERS =
            Set.of("INT", "INTEGER", "INT4", "SERIAL", "SERIAL4", "SMALLINT", "INT2", "SMALLSERIAL", "SERIAL2");

    private static final Set<String> CHAR_TYPES = Set.of("CHAR", "CHARACTER", "BPCHAR", "NCHAR");

    /** NAMEDATALEN - 1: PostgreSQL cuts longer identifiers to this many bytes, with only a NOTICE. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    private PostgresTypeRules() {}

    static List<StatementRule> rules() {
        return List.of(
                new StatementRule(
                        "pg-int-key-overflow",
                        Severity.WARNING,
                        POSTGRES,
                        "a primary key, serial or identity column of a 32-bit (or smaller) integer type",
                        PostgresTypeRules::intKeyOverflow),
                new StatementRule(
                        "pg-timestamp-without-time-zone",
                        Severity.WARNING,
                        POSTGRES,
                        "a column of type timestamp (without time zone)",
                        PostgresTypeRules::timestampWithoutTimeZone),
                new StatementRule(
                        "pg-char-type",
                        Severity.WARNING,
                        POSTGRES,
                        "a column of type char(n) / character(n), which pads its values with spaces",
                        PostgresTypeRules::charType),
                new StatementRule(
                        "pg-identifier-too-long",
                        Severity.WARNING,
                        POSTGRES,
                        "an identifier longer than 63 bytes, which PostgreSQL silently truncates",
                        PostgresTypeRules::identifierTooLong));
    }

    /** A column whose type a statement declares: CREATE TABLE, ADD COLUMN or ALTER COLUMN ... TYPE. */
    private record Typed(Name table, String column, String type, boolean key, Lexeme at) {

        /** The type's first word in upper case: {@code TIMESTAMP} of {@code timestamp(3) without time zone}. */
        String base() {
            String upper = type.toUpperCase(Locale.ROOT).strip();
            int end = 0;
            while (end < upper.length() && (Character.isLetterOrDigit(upper.charAt(end)) || upper.charAt(end) == '_')) {
                end++;
            }
            return upper.substring(0, end);
        }
    }

    private static List<Typed> typed(Change change) {
        List<Typed> columns = new ArrayList<>();
        if (change instanceof Change.CreateTable create) {
            create.columns().forEach(c -> columns.add(typed(create.table(), c)));
        } else if (change instanceof Change.AlterTable alter) {
            for (AlterAction action : alter.actions()) {
                if (action instanceof AlterAction.AddColumn add) {
                    columns.add(typed(alter.table(), add.column()));
                } else if (action instanceof AlterAction.AlterColumnType type) {
                    columns.add(new Typed(alter.table(), type.column(), type.type(), false, type.at()));
                }
            }
        }
        return columns;
    }

    private static Typed typed(Name table, ColumnDefinition column) {
        return new Typed(table, column.name(), column.type(), column.primaryKey() || column.identity(), column.at());
    }

    private static void intKeyOverflow(StatementContext context, StatementRule.Reporter report) {
        for (Typed column : typed(context.change())) {
            if (column.key() && SMALL_INTEGERS.contains(column.base())) {
                boolean small = column.base().contains("SMALL") || column.base().endsWith("2");
                report.report(
                        column.at(),
                        column.table() + "." + column.column() + " is a key of type " + column.type() + ", which runs"
                                + " out after " + (small ? "32,767" : "2,147,483,647") + " values; then every INSERT"
                                + " fails, and widening it later rewrites the table (and every table that refers"
                                + " to it) under an ACCESS EXCLUSIVE lock.",
                        "Declare it bigint (bigint GENERATED ... AS IDENTITY, or bigserial), and bigint in the tables"
                                + " that refer to it; it costs four bytes a row.");
            }
        }
    }

    private static void timestampWithoutTimeZone(StatementContext context, StatementRule.Reporter report) {
        for (Typed column : typed(context.change())) {
            String upper = column.type().toUpperCase(Locale.ROOT);
            if (column.base().equals("TIMESTAMP") && !upper.contains("WITH TIME ZONE")) {
                report.report(
                        column.at(),
                        column.table() + "." + column.column() + " is a timestamp without time zone: it keeps the"
                                + " wall-clock time and drops the offset, so times written by sessions in different"
                                + " zones (or across a daylight-saving change) no longer compare correctly.",
                        "Use timestamptz (timestamp with time zone), which stores an instant; it takes the same 8"
                                + " bytes.");
            }
        }
    }

    private static void charType(StatementContext context, StatementRule.Reporter report) {
        for (Typed column : typed(context.change())) {
            String upper = column.type().toUpperCase(Locale.ROOT);
            if (CHAR_TYPES.contains(column.base()) && !upper.contains("VARYING")) {
                report.report(
                        column.at(),
                        column.table() + "." + column.column() + " is " + column.type() + ": values are padded with"
                                + " spaces to the length, which comparisons with text, LIKE and the application's"
                                + " strings then trip over, and it is no faster than text.",
                        "Use text (or varchar(n)); add a CHECK (char_length(" + column.column() + ") = n) if the"
                                + " length is fixed.");
            }
        }
    }

    private static void identifierTooLong(StatementContext context, StatementRule.Reporter report) {
        Set<String> earlier = new HashSet<>();
        for (int i = 0; i < context.index(); i++) {
            context.statements().get(i).part().lexemes().forEach(l -> earlier.add(identifier(l)));
        }
        Set<String> reported = new HashSet<>();
        for (Lexeme lexeme : context.statement().part().lexemes()) {
            String name = identifier(lexeme);
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES
                    && !earlier.contains(name)
                    && reported.add(name)) {
                // Reported where the file first writes it; later uses are cut the same way and find it.
                report.report(
                        lexeme,
                        "the identifier " + name + " is " + name.getBytes(StandardCharsets.UTF_8).length
                                + " bytes long; PostgreSQL silently cuts it to " + MAX_IDENTIFIER_BYTES
                                + " bytes, so the catalog, dumps and error messages show another name, and two names"
                                + " that share their first " + MAX_IDENTIFIER_BYTES + " bytes collide.",
                        "Choose a name of at most " + MAX_IDENTIFIER_BYTES + " bytes.");
            }
        }
    }

    /** The name a word or quoted identifier stands for (bare words fold to lower case); "" for other lexemes. */
    private static String identifier(Lexeme lexeme) {
        if (lexeme.kind() == Lexeme.Kind.WORD) {
            return lexeme.text().toLowerCase(Locale.ROOT);
        }
        if (lexeme.kind() == Lexeme.Kind.QUOTED_IDENTIFIER && lexeme.text().length() >= 2) {
            return lexeme.text().substring(1, lexeme.text().length() - 1).replace("\"\"", "\"");
        }
        return "";
    }
}
