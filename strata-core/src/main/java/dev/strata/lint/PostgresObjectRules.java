package dev.strata.lint;

import static dev.strata.lint.StatementRule.POSTGRES;

import dev.strata.ddl.Change;
import dev.strata.ddl.Name;
import dev.strata.sql.Lexeme;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL objects beside tables that running code depends on: an enum's values and a schema's
 * name, which a rename takes from every query that still uses them, and a domain, whose new
 * constraint is checked against every column of that type in every table while they are locked.
 */
final class PostgresObjectRules {

    private PostgresObjectRules() {}

    static List<StatementRule> rules() {
        return List.of(
                new StatementRule(
                        "pg-rename-enum-value",
                        Severity.WARNING,
                        POSTGRES,
                        "ALTER TYPE ... RENAME VALUE of an enum that existed before the migration",
                        PostgresObjectRules::renameEnumValue),
                new StatementRule(
                        "pg-rename-schema",
                        Severity.WARNING,
                        POSTGRES,
                        "ALTER SCHEMA ... RENAME TO of a schema that existed before the migration",
                        PostgresObjectRules::renameSchema),
                new StatementRule(
                        "pg-domain-constraint-not-valid",
                        Severity.WARNING,
                        POSTGRES,
                        "ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID, or SET NOT NULL, on a domain that existed"
                                + " before the migration",
                        PostgresObjectRules::domainConstraintNotValid));
    }

    private static void renameEnumValue(StatementContext context, StatementRule.Reporter report) {
        List<Lexeme> words = context.statement().part().lexemes();
        if (words.size() < 6 || !words.get(0).isWord("ALTER") || !words.get(1).isWord("TYPE")) {
            return;
        }
        int rename = afterName(words, 2);
        if (rename + 2 >= words.size()
                || !words.get(rename).isWord("RENAME")
                || !words.get(rename + 1).isWord("VALUE")
                || createdInFile(context, Change.ObjectType.TYPE, words, rename)) {
            return;
        }
        int to = indexOfWord(words, "TO", rename + 2);
        String from = words.get(rename + 2).text();
        String renamed = to < 0 || to + 1 >= words.size()
                ? "the new value"
                : words.get(to + 1).text();
        report.report(
                words.get(rename),
                "renaming the enum value " + from + " to " + renamed + " breaks every running query and every"
                        + " deployed application that still writes or compares " + from + ".",
                "Add the new value (ADD VALUE, in a migration of its own), move the rows and the code over to it,"
                        + " and keep the old value until nothing uses it.");
    }

    private static void renameSchema(StatementContext context, StatementRule.Reporter report) {
        List<Lexeme> words = context.statement().part().lexemes();
        if (words.size() != 6
                || !words.get(0).isWord("ALTER")
                || !words.get(1).isWord("SCHEMA")
                || !words.get(3).isWord("RENAME")
                || !words.get(4).isWord("TO")
                || createdInFile(context, Change.ObjectType.SCHEMA, words, 3)) {
            return;
        }
        report.report(
                words.get(3),
                "renaming the schema " + words.get(2).text() + " to "
                        + words.get(5).text() + " breaks every running"
                        + " query that names it, and every search_path that lists it.",
                "Create the new schema and move its objects (or point views at them) while the old name still"
                        + " works, then drop the old name in a later release.");
    }

    private static void domainConstraintNotValid(StatementContext context, StatementRule.Reporter report) {
        List<Lexeme> words = context.statement().part().lexemes();
        if (words.size() < 5 || !words.get(0).isWord("ALTER") || !words.get(1).isWord("DOMAIN")) {
            return;
        }
        int at = afterName(words, 2);
        if (at + 1 >= words.size() || createdInFile(context, Change.ObjectType.TYPE, words, at)) {
            return;
        }
        String domain = words.get(at - 1).text();
        Lexeme action = words.get(at);
        int last = words.size() - 1;
        boolean notValid =
                words.get(last).isWord("VALID") && words.get(last - 1).isWord("NOT");
        boolean addChecked = action.isWord("ADD") && !notValid;
        boolean setNotNull = action.isWord("SET") && words.get(at + 1).isWord("NOT");
        if (!addChecked && !setNotNull) {
            return;
        }
        report.report(
                action,
                "this checks every value of every column of type " + domain + ", in every table, while those"
                        + " tables are locked against writes.",
                (setNotNull ? "Add CHECK (VALUE IS NOT NULL) NOT VALID instead" : "Add it with NOT VALID")
                        + ": the migration is then quick, and new values are checked at once. VALIDATE CONSTRAINT"
                        + " still blocks writes to those tables while it checks them: run it in a later migration,"
                        + " at a quiet time.");
    }

    /**
     * The index after an object's name that starts at {@code start}, {@code schema.name} or {@code
     * name}; never past the last word, so a caller's look at it fails its test instead of throwing.
     */
    private static int afterName(List<Lexeme> words, int start) {
        int after = start + 2 < words.size() && words.get(start + 1).isSymbol(".") ? start + 3 : start + 1;
        return Math.min(after, words.size() - 1);
    }

    /**
     * Whether an earlier statement of this file created the object of this kind (a type, domain or
     * schema) whose name ends before {@code after}.
     */
    private static boolean createdInFile(
            StatementContext context, Change.ObjectType type, List<Lexeme> words, int after) {
        String name = Name.unquote(words.get(after - 1).text()).toLowerCase(Locale.ROOT);
        return context.statements().subList(0, context.index()).stream()
                .anyMatch(s -> s.change() instanceof Change.CreateOther create
                        && create.name() != null
                        && create.type() == type
                        && create.name().key().equals(name));
    }

    private static int indexOfWord(List<Lexeme> words, String word, int from) {
        for (int i = from; i < words.size(); i++) {
            if (words.get(i).isWord(word)) {
                return i;
            }
        }
        return -1;
    }
}
