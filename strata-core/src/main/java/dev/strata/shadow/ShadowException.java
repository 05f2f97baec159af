package dev.strata.shadow;

import dev.strata.StrataException;
import dev.strata.dialect.MigrationFailedException;
import java.util.List;

/**
 * The shadow database could not compute what the migration files produce: a configured shadow that
 * is not empty, a migration that does not parse, or a statement that fails on the shadow. The
 * message names the file and line, and says what to do.
 */
public final class ShadowException extends StrataException {

    private ShadowException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param heldHistory the shadow holds strata's history: a run of another process is using it, or one
     *                    was killed while it used it (a CI timeout), since a run empties it when it ends
     */
    static ShadowException notEmpty(String shadow, String contents, boolean heldHistory) {
        String why = heldHistory
                ? " It holds strata's history, so a strata run is using the shadow now (in another process), or"
                        + " one was killed while it used it: a run empties the shadow only when it ends. If no other run"
                        + " is going and nothing else uses this database, empty it (on"
                        + " PostgreSQL: DROP SCHEMA public CASCADE; CREATE SCHEMA public; and DROP SCHEMA ... CASCADE for"
                        + " every other schema it holds; on SQLite: delete the file), then run strata again."
                : " Point shadow_url at an empty database of its own, or empty this one.";
        return new ShadowException(
                "the shadow database " + shadow + " (shadow_url in strata.toml) is not empty: it"
                        + " holds " + contents
                        + ". Strata fills the shadow with the migrations and empties it afterwards, so"
                        + " it must start empty." + why,
                null);
    }

    static ShadowException unprepared(List<String> problems) {
        return new ShadowException(
                "the migrations can't be run on the shadow database:" + System.lineSeparator() + "  - "
                        + String.join(System.lineSeparator() + "  - ", problems),
                null);
    }

    static ShadowException failed(MigrationFailedException e) {
        return new ShadowException(
                e.source() + ":" + e.line() + ": statement failed on the shadow database: "
                        + e.statement() + System.lineSeparator() + "  database says: " + e.databaseMessage()
                        + System.lineSeparator() + "  The migrations don't apply cleanly to an empty database; fix "
                        + e.source() + ". Nothing was changed in the database strata migrates.",
                e);
    }

    /**
     * A migration wrote strata's history on the shadow database: the guard stopped it there, and
     * the database it stands for was never touched.
     */
    static ShadowException tampered(dev.strata.dialect.HistoryTamperedException e) {
        return new ShadowException("on the shadow database, " + e.getMessage(), e);
    }

    /**
     * The migrations are written for {@code target}, and the shadow would be a database of another
     * engine, {@code engine}; {@code where} says why.
     */
    static ShadowException wrongEngine(String target, String engine, String where) {
        return new ShadowException(
                "the migrations are written for " + target + " ([migrations] target in strata.toml), but the"
                        + " shadow database would be " + engine + ": " + where + ". They would fail there for"
                        + " reasons of that engine alone. Name a " + target + " database: --url, DATABASE_URL or the"
                        + " environment's url, with the variables it needs set.",
                null);
    }

    static ShadowException misuse(String message) {
        return new ShadowException(message, null);
    }
}
