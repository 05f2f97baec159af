package dev.strata.runlog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the run log: a run of a command that changes a database.
 *
 * @param at             when the run ended, UTC
 * @param osUser         the operating-system user that ran strata
 * @param databaseUser   the database user, when the URL names one (or the history says who applied)
 * @param host           the machine strata ran on
 * @param environment    the strata.toml environment; empty for a database named by URL
 * @param database       the database as printed to people (password masked)
 * @param command        {@code migrate}, {@code down}, {@code baseline}, {@code adopt}, {@code repair},
 *                       {@code restore}, {@code seed} or {@code reset}
 * @param strataVersion  the version of strata that ran
 * @param outcome        {@link #SUCCEEDED} or {@link #FAILED}
 * @param message        for a failed run, what went wrong (passwords masked)
 * @param migrations     each migration the run touched, in the order it touched them
 * @param files          seed files loaded, or the backup file restored
 * @param backup         the backup file taken before the first change
 * @param bookmark       the engine's bookmark taken before the first change (D1 Time Travel)
 */
public record RunEntry(
        Instant at,
        String osUser,
        String databaseUser,
        String host,
        Optional<String> environment,
        String database,
        String command,
        String strataVersion,
        String outcome,
        Optional<String> message,
        List<RunStep> migrations,
        List<String> files,
        Optional<String> backup,
        Optional<String> bookmark) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public RunEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(osUser, "osUser");
        Objects.requireNonNull(databaseUser, "databaseUser");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(strataVersion, "strataVersion");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        migrations = List.copyOf(migrations);
        files = List.copyOf(files);
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(bookmark, "bookmark");
    }

    public boolean failed() {
        return FAILED.equals(outcome);
    }
}
