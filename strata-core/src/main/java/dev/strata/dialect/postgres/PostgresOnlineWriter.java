package dev.strata.dialect.postgres;

import dev.strata.refactor.AlterScript;
import dev.strata.refactor.AlterWriter.OnlineScripts;
import dev.strata.refactor.OnlineChange;
import dev.strata.schema.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the expand/contract pair of {@code strata alter --online} for PostgreSQL.
 *
 * <p>The trigger is one BEFORE INSERT OR UPDATE row trigger that only assigns fields of {@code NEW}:
 * it runs no statement of its own, so it can't set itself off again (no trigger loop) and every row is
 * written once. It tells the writers apart by what changed:
 *
 * <ul>
 *   <li>INSERT with the new column NULL: old code, which knows only the old column; the new column gets
 *       the converted value. INSERT with the new column set: new code; the old column gets the value cast
 *       back, unless it already agrees (new code that writes both).
 *   <li>UPDATE that changes the new column: new code (or the backfill); the old column follows, unless
 *       it already gives that value, which is how the backfill's own UPDATE leaves the old value alone.
 *   <li>UPDATE that changes the old column: old code; the new column follows.
 *   <li>Any other UPDATE of a row the backfill has not reached yet fills its new column on the way.
 * </ul>
 *
 * <p>NOT NULL is carried over without a scan under an exclusive lock: the expand adds
 * {@code CHECK (new IS NOT NULL) NOT VALID}, the backfill validates it (a scan that lets writes go
 * on), and the contract's SET NOT NULL then skips its scan (PostgreSQL 12 and later).
 *
 * <p>Stateless and thread-safe.
 */
final class PostgresOnlineWriter {

    static final String BACKFILL = "-- strata:backfill batch=1000 pause=50ms";

    private PostgresOnlineWriter() {}

    static OnlineScripts write(OnlineChange change) {
        return new Writing(change).scripts();
    }

    private static final class Writing {
        private final OnlineChange change;
        private final String table;
        private final String old;
        private final String added;
        private final String function;
        private final String trigger;
        private final String notNullCheck;
        private final boolean notNull;

        Writing(OnlineChange change) {
            this.change = change;
            String defaultSchema = change.schema().defaultSchema();
            QualifiedName name = change.table().name();
            this.table = PostgresNames.qualified(name, defaultSchema);
            this.old = PostgresNames.quote(change.oldColumn().name());
            this.added = PostgresNames.quote(change.newColumn());
            String base = name.name() + "_" + change.oldColumn().name() + "_sync";
            this.trigger = PostgresNames.quote(base);
            this.function = PostgresNames.qualified(new QualifiedName(name.schema(), base), defaultSchema);
            this.notNullCheck = PostgresNames.quote(name.name() + "_" + change.newColumn() + "_not_null");
            this.notNull = change.oldColumn().notNull();
        }

        OnlineScripts scripts() {
            return new OnlineScripts(expand(), backfill(), contract());
        }

        private AlterScript expand() {
            List<String> statements = new ArrayList<>();
            statements.add("-- No DEFAULT and no NOT NULL yet: adding the column rewrites nothing, and old code's"
                    + " inserts leave it\n-- NULL for the trigger to fill.\n"
                    + "ALTER TABLE " + table + " ADD COLUMN " + added + " " + change.newType());
            if (notNull) {
                statements.add("-- NOT NULL for the rows written from now on; the backfill validates it for the rest.\n"
                        + "ALTER TABLE " + table + " ADD CONSTRAINT " + notNullCheck + " CHECK (" + added
                        + " IS NOT NULL) NOT VALID");
            }
            statements.add(syncFunction());
            statements.add("CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION " + function + "()");
            return new AlterScript(
                    List.of(
                            "Expand: adds " + change.newColumn() + " " + change.newType() + " beside "
                                    + change.oldColumn().name() + " and a trigger that keeps the two in step, for old",
                            "code that writes " + change.oldColumn().name() + " and new code that writes "
                                    + change.newColumn() + ". Deploy code that reads and writes "
                                    + change.newColumn() + " after it.",
                            "Each statement takes its lock briefly: no table rewrite, no scan."),
                    List.of(),
                    statements,
                    List.of(),
                    List.of(),
                    List.of());
        }

        private String syncFunction() {
            String fromOld = converted("NEW.");
            String back = change.retyped()
                    ? "NEW." + added + "::" + change.oldColumn().type()
                    : "NEW." + added;
            return "-- One BEFORE trigger that only sets NEW's fields: it runs no statement, so it can't fire itself.\n"
                    + "CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $strata$\n"
                    + "BEGIN\n"
                    + "    IF TG_OP = 'INSERT' THEN\n"
                    + "        IF NEW." + added + " IS NULL THEN\n"
                    + "            -- Old code: only " + change.oldColumn().name() + " was written.\n"
                    + "            NEW." + added + " := " + fromOld + ";\n"
                    + "        ELSIF NEW." + added + " IS DISTINCT FROM " + fromOld + " THEN\n"
                    + "            -- New code: " + change.newColumn() + " was written.\n"
                    + "            NEW." + old + " := " + back + ";\n"
                    + "        END IF;\n"
                    + "    ELSIF NEW." + added + " IS DISTINCT FROM OLD." + added + " THEN\n"
                    + "        -- New code, or the backfill (whose value already agrees): the old column follows.\n"
                    + "        IF NEW." + added + " IS DISTINCT FROM " + fromOld + " THEN\n"
                    + "            NEW." + old + " := " + back + ";\n"
                    + "        END IF;\n"
                    + "    ELSIF NEW." + old + " IS DISTINCT FROM OLD." + old + " OR (NEW." + added
                    + " IS NULL AND NEW."
                    + old + " IS NOT NULL) THEN\n"
                    + "        -- Old code changed " + change.oldColumn().name()
                    + ", or a row the backfill has not reached yet.\n"
                    + "        NEW." + added + " := " + fromOld + ";\n"
                    + "    END IF;\n"
                    + "    RETURN NEW;\n"
                    + "END\n"
                    + "$strata$";
        }

        /** The new value computed from the old row ({@code row} is {@code NEW.} in the trigger): the column, or a cast. */
        private String converted(String row) {
            String column = row + old;
            return change.retyped() ? column + "::" + change.newType() : column;
        }

        private AlterScript backfill() {
            String value = converted("");
            List<String> statements = new ArrayList<>();
            statements.add("-- Fills " + change.newColumn() + " for the rows written before the trigger. Rows"
                    + " written since are\n-- right already and don't match the WHERE; running it again does"
                    + " nothing.\n" + BACKFILL + "\n"
                    + "UPDATE " + table + " SET " + added + " = " + value + " WHERE " + added + " IS DISTINCT FROM "
                    + value);
            if (notNull) {
                statements.add("-- The validation scans the table under a lock that lets reads and writes go on.\n"
                        + "SET lock_timeout = '" + PostgresAlterWriter.LOCK_TIMEOUT + "'");
                statements.add("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + notNullCheck);
                statements.add("RESET lock_timeout");
            }
            return new AlterScript(
                    List.of(
                            "Backfill: fills " + change.newColumn() + " for every row there, outside a transaction,"
                                    + " so that no",
                            "lock is held for the whole table's time."),
                    List.of("no-transaction"),
                    statements,
                    List.of(),
                    List.of(),
                    List.of());
        }

        private AlterScript contract() {
            String finalName = PostgresNames.quote(change.finalName());
            List<String> statements = new ArrayList<>();
            statements.add("DROP TRIGGER " + trigger + " ON " + table);
            statements.add("DROP FUNCTION " + function + "()");
            if (notNull) {
                statements.add("-- The CHECK validated by the backfill lets SET NOT NULL skip its scan.\n"
                        + "ALTER TABLE " + table + " ALTER COLUMN " + added + " SET NOT NULL");
                statements.add("ALTER TABLE " + table + " DROP CONSTRAINT " + notNullCheck);
            }
            if (change.oldColumn().defaultValue() != null) {
                statements.add("ALTER TABLE " + table + " ALTER COLUMN " + added + " SET DEFAULT "
                        + change.oldColumn().defaultValue());
            }
            statements.add("ALTER TABLE " + table + " DROP COLUMN " + old);
            if (change.keepName()) {
                statements.add("ALTER TABLE " + table + " RENAME COLUMN " + added + " TO " + finalName);
            }
            List<String> explanation = new ArrayList<>(List.of(
                    "Contract: drops the trigger, its function and "
                            + change.oldColumn().name()
                            + (change.keepName()
                                    ? ", then renames " + change.newColumn() + " to "
                                            + change.oldColumn().name()
                                    : "")
                            + ".",
                    "RUN IT ONLY AFTER EVERY RUNNING APPLICATION READS AND WRITES " + change.newColumn()
                            + ": code that still uses",
                    change.oldColumn().name() + " fails from the moment it commits. strata migrate holds it back"
                            + " until you run strata migrate --contract."));
            if (change.keepName()) {
                explanation.add(
                        "After the rename, code must use " + change.oldColumn().name() + " again: " + change.newColumn()
                                + " is gone from the moment this commits.");
            }
            return new AlterScript(
                    explanation,
                    List.of("require SELECT NOT EXISTS (SELECT 1 FROM " + table + " WHERE " + added + " IS NULL AND "
                            + old + " IS NOT NULL) -- the backfill of " + change.newColumn() + " is complete"),
                    statements,
                    List.of(),
                    List.of(),
                    List.of());
        }
    }
}
