package dev.strata.lint;

import static dev.strata.lint.StatementRule.POSTGRES;

import dev.strata.ddl.Change;
import dev.strata.ddl.Name;
import java.util.List;

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
        if (!(context.change() instanceof Change.RenameEnumValue alter) || createdInFile(context, alter.type())) {
            return;
        }
        report.report(
                alter.at(),
                "renaming the enum value " + alter.value() + " to " + alter.renamedTo()
                        + " breaks every running query and every deployed application that still writes or"
                        + " compares " + alter.value() + ".",
                "Add the new value (ADD VALUE, in a migration of its own), move the rows and the code over to it,"
                        + " and keep the old value until nothing uses it.");
    }

    private static void renameSchema(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.RenameSchema rename) || createdInFile(context, rename.schema())) {
            return;
        }
        report.report(
                rename.at(),
                "renaming the schema " + rename.schema() + " to " + rename.renamedTo() + " breaks every running"
                        + " query that names it, and every search_path that lists it.",
                "Create the new schema and move its objects (or point views at them) while the old name still"
                        + " works, then drop the old name in a later release.");
    }

    private static void domainConstraintNotValid(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.AlterDomain alter)
                || alter.change() == Change.DomainChange.ADD_CONSTRAINT_NOT_VALID
                || createdInFile(context, alter.domain())) {
            return;
        }
        boolean setNotNull = alter.change() == Change.DomainChange.SET_NOT_NULL;
        report.report(
                alter.at(),
                "this checks every value of every column of type " + alter.domain() + ", in every table, while"
                        + " those tables are locked against writes.",
                (setNotNull ? "Add CHECK (VALUE IS NOT NULL) NOT VALID instead" : "Add it with NOT VALID")
                        + ": the migration is then quick, and new values are checked at once. VALIDATE CONSTRAINT"
                        + " still blocks writes to those tables while it checks them: run it in a later migration,"
                        + " at a quiet time.");
    }

    /**
     * Whether an earlier statement of this file created the type, domain or schema {@code name}: of
     * the same kind, a schema and a type of one name being different objects.
     */
    private static boolean createdInFile(StatementContext context, Name name) {
        Change.ObjectType type =
                context.change() instanceof Change.RenameSchema ? Change.ObjectType.SCHEMA : Change.ObjectType.TYPE;
        return context.statements().subList(0, context.index()).stream()
                .anyMatch(s -> s.change() instanceof Change.CreateOther create
                        && create.name() != null
                        && create.type() == type
                        && create.name().key().equals(name.key()));
    }
}
