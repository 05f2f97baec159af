package dev.strata.dialect.postgres;

import dev.strata.refactor.AlterScript;
import dev.strata.refactor.AlterWriter;
import dev.strata.refactor.Alteration;
import dev.strata.schema.CheckConstraint;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.ReferentialAction;
import dev.strata.schema.Table;
import dev.strata.schema.View;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes {@code strata alter} migrations for PostgreSQL, in the engine's native forms: ALTER COLUMN
 * TYPE ... USING; new constraints added NOT VALID (a brief lock, no scan) and validated by a second
 * migration (a scan that lets reads and writes go on); a foreign key's action changed by dropping it
 * and adding it again NOT VALID; NOT NULL through a validated CHECK, which lets SET NOT NULL skip its
 * scan. Every migration sets {@code lock_timeout}, so a statement waiting behind a long transaction
 * gives up instead of queueing every other query behind it.
 *
 * <p>Stateless and thread-safe.
 */
public final class PostgresAlterWriter implements AlterWriter {

    static final PostgresAlterWriter INSTANCE = new PostgresAlterWriter();

    static final String LOCK_TIMEOUT = "5s";
    /** A number as PostgreSQL's numeric input accepts it, spaces around allowed. */
    private static final String NUMBER_PATTERN = "^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*$";

    private PostgresAlterWriter() {}

    @Override
    public OnlineScripts writeOnline(dev.strata.refactor.OnlineChange change) {
        return PostgresOnlineWriter.write(change);
    }

    @Override
    public AlterScript write(Alteration alteration, String tag) {
        Writing writing = new Writing(alteration, tag);
        writing.write();
        return new AlterScript(
                writing.explanation,
                List.of(),
                writing.statements,
                writing.verifications,
                writing.concurrentIndexes,
                writing.followUp,
                writing.notices());
    }

    private static final class Writing {
        private final Alteration alteration;
        private final String tag;
        private final Table table;
        private final String name;
        private final List<String> explanation = new ArrayList<>();
        private final List<String> statements = new ArrayList<>();
        private final List<String> verifications = new ArrayList<>();
        private final List<String> concurrentIndexes = new ArrayList<>();
        private final List<String> followUp = new ArrayList<>();
        /** Whether the follow-up validates a constraint added NOT VALID. */
        private boolean validates;

        Writing(Alteration alteration, String tag) {
            this.alteration = alteration;
            this.tag = tag;
            this.table = alteration.before();
            this.name = qualified(table.name());
        }

        void write() {
            statements.add("-- Give up rather than queue every other query behind this migration's locks.\n"
                    + "SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            Set<QualifiedName> counted = new LinkedHashSet<>();
            if (!alteration.onlyRenames()) {
                counted.add(table.name());
            }
            if (!alteration.foreignKeyChanges().isEmpty()) {
                alteration
                        .schema()
                        .referencesTo(table.name())
                        .forEach(ref -> counted.add(ref.table().name()));
            }
            if (!counted.isEmpty()) {
                recordCounts(counted);
            }
            List<View> views = alteration.conversions().isEmpty() ? List.of() : dependentViews();
            for (int i = views.size() - 1; i >= 0; i--) {
                View view = views.get(i);
                statements.add((i == views.size() - 1
                                ? "-- PostgreSQL can't change the type of a column a view reads:"
                                        + " the views go, and come back after.\n"
                                : "")
                        + "DROP " + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + qualified(view.name()));
            }
            for (Map.Entry<String, String> rename : alteration.renames().entrySet()) {
                statements.add("ALTER TABLE " + name + " RENAME COLUMN " + quote(rename.getKey()) + " TO "
                        + quote(rename.getValue()));
            }
            alteration.conversions().forEach(this::changeType);
            for (View view : views) {
                statements.add(PostgresSchemaWriter.createView(
                        view, alteration.schema().defaultSchema()));
                if (view.comment() != null) {
                    statements.add("COMMENT ON " + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ")
                            + qualified(view.name()) + " IS '" + view.comment().replace("'", "''") + "'");
                }
            }
            if (!views.isEmpty()) {
                explanation.add("The views that read " + table.name().name() + " are dropped and created again"
                        + " around the type change; grants on them must be given again.");
            }
            alteration.foreignKeyChanges().forEach(this::changeAction);
            for (String column : alteration.newlyNullable()) {
                statements.add("ALTER TABLE " + name + " ALTER COLUMN " + quote(column) + " DROP NOT NULL");
            }
            alteration.newlyNotNull().forEach(this::setNotNull);
            for (String check : alteration.droppedChecks()) {
                statements.add("ALTER TABLE " + name + " DROP CONSTRAINT " + quote(check));
            }
            for (CheckConstraint check : alteration.addedChecks()) {
                statements.add("ALTER TABLE " + name + " ADD CONSTRAINT " + quote(check.name()) + " CHECK ("
                        + check.expression() + ") NOT VALID");
                followUp.add("ALTER TABLE " + name + " VALIDATE CONSTRAINT " + quote(check.name()));
                validates = true;
            }
            alteration.addedUniques().forEach(this::addUnique);
            for (String column : alteration.dropped()) {
                statements.add("-- strata:allow drop-column asked for with strata alter --drop-column\n"
                        + "ALTER TABLE " + name + " DROP COLUMN " + quote(column));
            }
            alteration.softDelete().ifPresent(this::softDelete);
            checkCounts(counted);
            if (!followUp.isEmpty()) {
                followUp.add(0, "SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            }
        }

        /** Views that read the table, or read such a view, each after the views it reads. */
        private List<View> dependentViews() {
            Set<String> names = new LinkedHashSet<>();
            names.add(table.name().name());
            List<View> found = new ArrayList<>();
            boolean grew = true;
            while (grew) {
                grew = false;
                for (View view : alteration.schema().views()) {
                    if (!found.contains(view)
                            && DependencyOrder.identifiers(view.definition()).stream()
                                    .anyMatch(names::contains)) {
                        found.add(view);
                        names.add(view.name().name());
                        grew = true;
                    }
                }
            }
            return DependencyOrder.sortByMentions(found, view -> view.name().name(), View::definition);
        }

        private void changeType(Alteration.Conversion conversion) {
            String column = quote(conversion.column());
            String value = conversion.using().orElse(quote(conversion.oldColumn()) + "::" + conversion.toType());
            boolean numericTarget = isNumeric(conversion.toType());
            if (numericTarget
                    && isText(conversion.fromType())
                    && conversion.using().isEmpty()) {
                statements.add(notNumbersGuard(conversion));
            }
            if (numericTarget && table.primaryKey() == null) {
                explanation.add(table.name().name() + " has no primary key, so the converted values of "
                        + conversion.column() + " can't be matched to the old ones and are not compared.");
            } else if (numericTarget) {
                String numbers = "strata_" + tag + "_"
                        + conversion.column().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_before";
                List<String> keys = keyColumns();
                String old = quote(conversion.oldColumn());
                String isNumber =
                        isText(conversion.fromType()) ? old + " ~ '" + NUMBER_PATTERN + "'" : old + " IS NOT NULL";
                statements.add("-- The numbers before, to check the converted values against.\n"
                        + "CREATE TEMP TABLE " + numbers + " ON COMMIT DROP AS\nSELECT " + String.join(", ", keys)
                        + ", " + old + (isText(conversion.fromType()) ? "::numeric" : "") + " AS before\nFROM " + name
                        + "\nWHERE " + isNumber);
                String join = keys.stream().map(k -> "t." + k + " = b." + k).collect(Collectors.joining(" AND "));
                verifications.add("SELECT " + keys.stream().map(k -> "b." + k).collect(Collectors.joining(", "))
                        + ", b.before, t." + column + " AS after FROM " + numbers + " b LEFT JOIN " + name + " t ON "
                        + join + " WHERE t." + column + " IS NULL OR NOT (abs(t." + column + "::numeric - b.before) <= "
                        + java.math.BigDecimal.valueOf(alteration.tolerance())
                                .stripTrailingZeros()
                                .toPlainString()
                        + ")");
            }
            statements.add((numericTarget && table.primaryKey() != null
                            ? "-- strata:allow lossy-type-change the checks"
                                    + " at the end compare every converted number with the value before\n"
                            : "")
                    + "ALTER TABLE " + name + " ALTER COLUMN " + column + " TYPE " + conversion.toType()
                    + " USING " + value);
        }

        /**
         * A DO block that stops the migration, listing the first rows, when a text column holds values
         * that are not numbers (the ALTER would fail on the first one without saying which rows).
         */
        private String notNumbersGuard(Alteration.Conversion conversion) {
            String old = quote(conversion.oldColumn());
            List<String> keys = keyColumns();
            String row = keys.stream()
                    .map(k -> "'" + k.replace("'", "''") + " = ' || " + k + "::text")
                    .collect(Collectors.joining(" || ', ' || "));
            return "-- Values of " + conversion.oldColumn() + " that are not numbers stop the migration, listed.\n"
                    + "DO $strata$\nDECLARE\n    bad text;\nBEGIN\n"
                    + "    SELECT string_agg(" + row + " || ', " + conversion.oldColumn() + " = ' || quote_literal("
                    + old + "), '; ')\n    INTO bad\n    FROM (SELECT * FROM " + name + " WHERE " + old + " IS NOT NULL"
                    + " AND " + old + " !~ '" + NUMBER_PATTERN + "' LIMIT 5) AS not_numbers;\n"
                    + "    IF bad IS NOT NULL THEN\n        RAISE EXCEPTION '"
                    + table.name().name() + "."
                    + conversion.oldColumn() + " holds values that are not numbers: %', bad;\n    END IF;\n"
                    + "END\n$strata$";
        }

        private void changeAction(Alteration.ForeignKeyChange change) {
            ForeignKey key = change.after();
            String constraint = quote(
                    key.name() != null
                            ? key.name()
                            : table.name().name() + "_" + String.join("_", key.columns()) + "_fkey");
            statements.add("ALTER TABLE " + name + " DROP CONSTRAINT "
                    + quote(change.before().name()) + ",\n"
                    + "    ADD CONSTRAINT " + constraint + " FOREIGN KEY (" + list(key.columns()) + ") REFERENCES "
                    + qualified(key.target()) + " (" + list(key.targetColumns()) + ")"
                    + action("DELETE", key.onDelete()) + action("UPDATE", key.onUpdate())
                    + (key.deferrable()
                            ? (key.initiallyDeferred() ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE")
                            : "")
                    + " NOT VALID");
            followUp.add("ALTER TABLE " + name + " VALIDATE CONSTRAINT " + constraint);
            validates = true;
        }

        /**
         * The unique index is built CONCURRENTLY by a migration of its own, which lets writes go on, and
         * the last migration adds the constraint USING INDEX, which holds the table's lock only for a
         * moment. CREATE INDEX CONCURRENTLY that fails (a duplicate value) leaves an invalid index with
         * the name behind, so the migration drops one first when it runs again.
         */
        private void addUnique(List<String> columns) {
            String bare = table.name().name() + "_" + String.join("_", columns) + "_key";
            String index = quote(bare);
            // An index lives in its table's schema; DROP INDEX finds it there only by that name.
            String qualifiedIndex = qualified(new QualifiedName(table.name().schema(), bare));
            concurrentIndexes.add(
                    "-- An invalid index left by an earlier attempt that failed (a duplicate value) is dropped"
                            + " first.\nDROP INDEX CONCURRENTLY IF EXISTS " + qualifiedIndex);
            concurrentIndexes.add("CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON " + name + " ("
                    + columns.stream().map(Writing::quote).collect(Collectors.joining(", ")) + ")");
            followUp.add("ALTER TABLE " + name + " ADD CONSTRAINT " + index + " UNIQUE USING INDEX " + index);
        }

        List<String> notices() {
            List<String> notices = new ArrayList<>();
            if (!concurrentIndexes.isEmpty()) {
                notices.add("The unique index is built CONCURRENTLY by a migration of its own, outside a transaction,"
                        + " so writes go on while it is built; the last migration adds the constraint USING INDEX,"
                        + " which locks the table only for a moment.");
            }
            if (validates) {
                notices.add("The constraints are added NOT VALID, which needs only a brief lock, and validated by a"
                        + " later migration, whose scan does not block writes.");
            }
            return notices;
        }

        private void setNotNull(String column) {
            String check = quote(table.name().name() + "_" + column + "_not_null");
            statements.add("ALTER TABLE " + name + " ADD CONSTRAINT " + check + " CHECK (" + quote(column)
                    + " IS NOT NULL) NOT VALID");
            followUp.add("ALTER TABLE " + name + " VALIDATE CONSTRAINT " + check);
            validates = true;
            followUp.add("-- The validated CHECK lets SET NOT NULL skip its scan of the table.\n" + "ALTER TABLE "
                    + name + " ALTER COLUMN " + quote(column) + " SET NOT NULL");
            followUp.add("ALTER TABLE " + name + " DROP CONSTRAINT " + check);
        }

        private void softDelete(Alteration.SoftDelete soft) {
            String column = quote(soft.column());
            List<String> keys = table.primaryKey() != null
                    ? table.primaryKey().columns().stream()
                            .map(alteration::newName)
                            .map(Writing::quote)
                            .toList()
                    : List.of(column);
            statements.add("ALTER TABLE " + name + " ADD COLUMN " + column + " timestamp with time zone");
            statements.add("-- Live rows only: a partial index keeps lookups of rows not deleted fast and small.\n"
                    + "CREATE INDEX IF NOT EXISTS " + quote(soft.index()) + " ON " + name + " ("
                    + String.join(", ", keys) + ") WHERE "
                    + column + " IS NULL");
            statements.add(
                    "CREATE VIEW " + qualified(new QualifiedName(table.name().schema(), soft.view()))
                            + " AS SELECT * FROM " + name + " WHERE " + column + " IS NULL");
            String function = qualified(new QualifiedName(table.name().schema(), soft.trigger()));
            String message = table.name().name() + " rows are soft-deleted: set " + soft.column() + " (UPDATE "
                    + table.name().name() + " SET " + soft.column() + " = now() WHERE ...) instead of DELETE";
            statements.add("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $strata$\nBEGIN\n"
                    + "    RAISE EXCEPTION '" + message.replace("'", "''") + "';\nEND\n$strata$");
            statements.add("CREATE TRIGGER " + quote(soft.trigger()) + " BEFORE DELETE ON " + name
                    + " FOR EACH ROW EXECUTE FUNCTION " + function + "()");
            explanation.add("Soft delete: " + soft.column() + " holds when a row was deleted; " + soft.view()
                    + " shows the rows not deleted, and " + soft.trigger() + " refuses DELETE.");
        }

        private void recordCounts(Set<QualifiedName> tables) {
            statements.add("-- Row counts before, for the checks at the end.\nCREATE TEMP TABLE " + countsTable()
                    + " ON COMMIT DROP AS\n"
                    + tables.stream()
                            .map(t -> "SELECT '" + t.name().replace("'", "''")
                                    + "'::text AS table_name, COUNT(*) AS rows_before FROM " + qualified(t))
                            .collect(Collectors.joining("\nUNION ALL ")));
        }

        private void checkCounts(Set<QualifiedName> tables) {
            for (QualifiedName t : tables) {
                String count = "(SELECT COUNT(*) FROM " + qualified(t) + ")";
                verifications.add("SELECT table_name, rows_before, " + count + " AS rows_after FROM " + countsTable()
                        + " WHERE table_name = '" + t.name().replace("'", "''") + "' AND rows_before <> " + count);
            }
        }

        private String countsTable() {
            return "strata_" + tag + "_row_counts";
        }

        /** The primary key, or ctid (stable within the transaction) for a table without one. */
        private List<String> keyColumns() {
            return table.primaryKey() == null
                    ? List.of("ctid")
                    : table.primaryKey().columns().stream()
                            .map(alteration::newName)
                            .map(Writing::quote)
                            .toList();
        }

        private String qualified(QualifiedName name) {
            return name.schema().equals(alteration.schema().defaultSchema())
                    ? quote(name.name())
                    : quote(name.schema()) + "." + quote(name.name());
        }

        private static String action(String event, ReferentialAction action) {
            return action == ReferentialAction.NO_ACTION ? "" : " ON " + event + " " + action.sql();
        }

        private static String list(List<String> columns) {
            return columns.stream().map(Writing::quote).collect(Collectors.joining(", "));
        }

        private static String quote(String identifier) {
            return PostgresNames.quote(identifier);
        }
    }

    /** Types whose values are numbers, as PostgreSQL names them (and their SQL spellings). */
    static boolean isNumeric(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.startsWith("int")
                || t.startsWith("smallint")
                || t.startsWith("bigint")
                || t.startsWith("numeric")
                || t.startsWith("decimal")
                || t.startsWith("real")
                || t.startsWith("float")
                || t.startsWith("double")
                || t.equals("serial")
                || t.equals("bigserial");
    }

    private static boolean isText(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.startsWith("text") || t.startsWith("character") || t.startsWith("varchar") || t.startsWith("char");
    }
}
