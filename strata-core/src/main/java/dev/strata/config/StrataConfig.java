package dev.strata.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated configuration of one strata run. Built once by {@link ConfigLoader} from
 * strata.toml, the environment and explicit options, then never changed.
 *
 * @param projectDir     the folder strata works in (where strata.toml lives)
 * @param migrationsDir  the migrations folder, absolute
 * @param url            the database to work on
 * @param urlOrigin      where {@code url} came from, for people: {@code "--url"}, {@code "DATABASE_URL"},
 *                       {@code "environment 'dev' in strata.toml"}, {@code "default (no URL configured)"}
 * @param environment    the strata.toml environment in use, when there is one
 * @param historyTable   name of the history table, a validated plain identifier
 * @param schema         PostgreSQL schema for the history table; empty means the connection's current schema
 * @param settings       the operational settings of {@code environment} (promotion, confirmation, backups,
 *                       seeds); {@link EnvironmentSettings#NONE} when the database did not come from one
 * @param environments   every environment strata.toml defines, in file order, each already checked
 * @param shadowUrl      the database to compute schemas in ({@code shadow_url}); empty means a throwaway
 *                       database made next to {@code url} for each computation
 * @param historyMirror  another tool's history table kept in step with strata's ({@code [migrations] history})
 * @param target         {@code [migrations] target}: {@code sqlite}, {@code d1} or {@code postgres}; empty means
 *                       the engine of {@code url}
 * @param lint           the linter's settings from strata.toml
 * @param locks          how long a migration waits for locks and how often it is tried again: the
 *                       environment's settings over {@code [migrations]}'s over the defaults
 * @param singleTransaction {@code single_transaction} of the environment, else of {@code [migrations]}:
 *                       {@code migrate} applies every pending migration in one transaction
 * @param runLog         the file each run that changes the database appends a line to ({@code [log] path},
 *                       else {@value #RUN_LOG_FILE} in the project folder); empty writes none
 */
public record StrataConfig(
        Path projectDir,
        Path migrationsDir,
        DatabaseUrl url,
        String urlOrigin,
        Optional<String> environment,
        String historyTable,
        Optional<String> schema,
        EnvironmentSettings settings,
        List<String> environments,
        Optional<DatabaseUrl> shadowUrl,
        HistoryMirror historyMirror,
        Optional<String> target,
        LintConfig lint,
        LockSettings locks,
        boolean singleTransaction,
        Optional<Path> runLog) {

    public static final String DEFAULT_HISTORY_TABLE = "strata_history";
    public static final String DEFAULT_MIGRATIONS_DIR = "migrations";

    /** dbmate's default folder, used when {@value #DEFAULT_MIGRATIONS_DIR} does not exist. */
    public static final String DBMATE_MIGRATIONS_DIR = "db/migrations";

    public static final String CONFIG_FILE = "strata.toml";
    /** {@link #urlOrigin()} when no database was named: strata falls back to a local SQLite file. */
    public static final String DEFAULT_URL_ORIGIN = "default (no URL configured)";
    /** The start of {@link #urlOrigin()} when a named database was set aside, followed by why. */
    static final String DEFAULT_URL_BECAUSE = "default: ";
    /** Where {@code strata seed} finds the data files, relative to the project folder. */
    public static final String SEEDS_DIR = "seeds";
    /** Where {@code strata backup} writes when no file is named, relative to the project folder. */
    public static final String BACKUPS_DIR = "backups";
    /** The run log's file in the project folder, when {@code [log] path} names no other. */
    public static final String RUN_LOG_FILE = "strata-runs.log";

    public StrataConfig {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(migrationsDir, "migrationsDir");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(urlOrigin, "urlOrigin");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(historyTable, "historyTable");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(settings, "settings");
        environments = List.copyOf(environments);
        Objects.requireNonNull(shadowUrl, "shadowUrl");
        Objects.requireNonNull(historyMirror, "historyMirror");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(lint, "lint");
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(runLog, "runLog");
    }

    /** A configuration with the default lock settings, one transaction per migration, and no run log. */
    public StrataConfig(
            Path projectDir,
            Path migrationsDir,
            DatabaseUrl url,
            String urlOrigin,
            Optional<String> environment,
            String historyTable,
            Optional<String> schema,
            EnvironmentSettings settings,
            List<String> environments,
            Optional<DatabaseUrl> shadowUrl,
            HistoryMirror historyMirror,
            Optional<String> target,
            LintConfig lint) {
        this(
                projectDir,
                migrationsDir,
                url,
                urlOrigin,
                environment,
                historyTable,
                schema,
                settings,
                environments,
                shadowUrl,
                historyMirror,
                target,
                lint,
                LockSettings.DEFAULT,
                false,
                Optional.empty());
    }

    /** A configuration without shadow database, target or lint settings, keeping strata's history only. */
    public StrataConfig(
            Path projectDir,
            Path migrationsDir,
            DatabaseUrl url,
            String urlOrigin,
            Optional<String> environment,
            String historyTable,
            Optional<String> schema,
            EnvironmentSettings settings,
            List<String> environments) {
        this(
                projectDir,
                migrationsDir,
                url,
                urlOrigin,
                environment,
                historyTable,
                schema,
                settings,
                environments,
                Optional.empty(),
                HistoryMirror.NONE,
                Optional.empty(),
                LintConfig.DEFAULT);
    }

    /** The same configuration with its run log in {@code file} (relative to the project folder), or none. */
    public StrataConfig withRunLog(Optional<Path> file) {
        return new StrataConfig(
                projectDir,
                migrationsDir,
                url,
                urlOrigin,
                environment,
                historyTable,
                schema,
                settings,
                environments,
                shadowUrl,
                historyMirror,
                target,
                lint,
                locks,
                singleTransaction,
                file.map(f -> projectDir.resolve(f).normalize()));
    }

    /** The same configuration on another database: a rehearsal's copy of this one. */
    public StrataConfig onDatabase(DatabaseUrl other, String origin) {
        return new StrataConfig(
                projectDir,
                migrationsDir,
                other,
                origin,
                environment,
                historyTable,
                schema,
                settings,
                environments,
                shadowUrl,
                historyMirror,
                target,
                lint,
                locks,
                singleTransaction,
                runLog);
    }

    /**
     * True when strata fell back to {@code sqlite:strata.db}: no URL was configured anywhere, or the
     * command set aside one it could not resolve and can do without.
     */
    public boolean usesDefaultDatabase() {
        return urlOrigin.startsWith("default");
    }

    /** Whether a database was named (--url, DATABASE_URL, strata.toml), rather than the default taken. */
    public boolean urlConfigured() {
        return !usesDefaultDatabase();
    }

    /**
     * Why strata took its default database, for messages: "no database is named", or what a command
     * that can do without the database left unresolved ({@link ConfigOptions#databaseOptional()}).
     */
    public String whyDefaultDatabase() {
        return urlSetAside() ? urlOrigin.substring(DEFAULT_URL_BECAUSE.length()) : "no database is named";
    }

    /** Whether a database is named, but set aside by a command that can do without it (see above). */
    public boolean urlSetAside() {
        return urlOrigin.startsWith(DEFAULT_URL_BECAUSE);
    }
}
