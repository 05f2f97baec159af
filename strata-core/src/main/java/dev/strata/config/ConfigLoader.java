package dev.strata.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the {@link StrataConfig} of a run from explicit options, strata.toml and the environment.
 *
 * <p>The database URL is taken from the first of: {@code --url}; {@code --env NAME}; the
 * {@code DATABASE_URL} variable; strata.toml's default {@code environment}; else
 * {@code sqlite:strata.db} in the project folder. Explicit choices come first so that a command
 * line always means what it says, and DATABASE_URL beats the file's default so that deployment
 * platforms which set it work without editing strata.toml.
 */
public final class ConfigLoader {

    /**
     * Plain identifiers only (the dialects also quote them), so a name means the same on every engine
     * and in every message. 63 characters is PostgreSQL's limit, which silently truncates longer
     * names; the history table needs 5 of them for its companion table's "_meta" suffix, or the two
     * names would collide.
     */
    private static final int SCHEMA_MAX = 63;

    private static final int TABLE_MAX = SCHEMA_MAX - "_meta".length();
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String DATABASE_URL = "DATABASE_URL";
    private static final String DEFAULT_URL = "sqlite:strata.db";
    private static final String FILE = StrataConfig.CONFIG_FILE;

    private ConfigLoader() {}

    /**
     * Where the URL came from, and the strata.toml environment it belongs to, if any.
     *
     * @param unset why no URL was taken although one is configured: a variable it needs is not set
     */
    private record UrlChoice(
            DatabaseUrl url, String origin, Optional<ConfigFile.Environment> environment, Optional<String> unset) {

        UrlChoice(DatabaseUrl url, String origin, Optional<ConfigFile.Environment> environment) {
            this(url, origin, environment, Optional.empty());
        }
    }

    /**
     * @throws ConfigurationException when anything is missing, malformed or contradictory; the
     *                                message never contains a password
     */
    public static StrataConfig load(ConfigOptions options) {
        Path projectDir = projectDir(options.projectDir());
        Optional<ConfigFile> file = ConfigFile.read(projectDir);
        ConfigFile toml = file.orElse(ConfigFile.NONE);
        Map<String, String> env = options.env();

        UrlChoice choice = chooseUrl(options, file.isPresent(), toml, projectDir);
        if (choice.unset().isPresent() && toml.target().isEmpty()) {
            // Without the database and without target, strata would read PostgreSQL's SQL as SQLite's.
            throw new ConfigurationException(
                    FILE + ": environment variable " + choice.unset().get() + "; set it, or"
                            + " set target = \"postgres\" (or \"sqlite\", \"d1\") in [migrations] to lint without the"
                            + " database");
        }

        boolean d1Local = choice.url().display().startsWith(D1LocalDatabases.PREFIX);
        // Only read when it matters, so that a broken wrangler config does not stop a project that doesn't use it.
        boolean folderChosen =
                options.migrationsDir().isPresent() || toml.migrationsDir().isPresent();
        Optional<WranglerD1Database> wrangler =
                d1Local || !folderChosen ? wranglerDatabase(projectDir, choice.url(), d1Local) : Optional.empty();
        Path migrationsDir = options.migrationsDir()
                .map(dir -> projectDir.resolve(dir).normalize())
                .or(() -> toml.migrationsDir()
                        .map(dir -> projectDir
                                .resolve(path(Placeholders.resolve(dir, "[migrations] dir", env)))
                                .normalize()))
                // A remote D1 database of the wrangler config keeps its migrations where wrangler does.
                .or(() -> choice.url().d1().flatMap(D1Address::migrationsDir))
                // A wrangler project keeps its migrations where wrangler reads them (drizzle's in drizzle/).
                .or(() -> wrangler.map(d1 ->
                        projectDir.resolve(path(d1.effectiveMigrationsDir())).normalize()))
                .or(() -> dbmateFolder(projectDir))
                .orElseGet(() ->
                        projectDir.resolve(StrataConfig.DEFAULT_MIGRATIONS_DIR).normalize());

        String historyTable = options.historyTable()
                .map(t -> identifier(t, t, "history table (historyTable)", TABLE_MAX))
                .or(() -> toml.historyTable().map(t -> fileIdentifier(t, "[migrations] table", env, TABLE_MAX)))
                .orElse(StrataConfig.DEFAULT_HISTORY_TABLE);

        Optional<String> schema = options.schema()
                .map(s -> identifier(s, s, "history schema (schema)", SCHEMA_MAX))
                .or(() -> choice.environment()
                        .flatMap(e -> e.schema().map(s -> fileIdentifier(s, e.table() + " schema", env, SCHEMA_MAX))))
                .or(() -> toml.schema().map(s -> fileIdentifier(s, "[migrations] schema", env, SCHEMA_MAX)));

        Optional<DatabaseUrl> shadowUrl = shadowUrl(choice, toml, env, projectDir);

        // On wrangler's own local database, wrangler's d1_migrations is kept in step unless strata.toml says
        // otherwise: the next 'wrangler d1 migrations apply' would otherwise run everything again.
        HistoryMirror mirror = toml.history()
                .map(h -> mirror(Placeholders.resolve(h, "[migrations] history", env), choice.url()))
                .orElse(d1Local ? HistoryMirror.D1 : HistoryMirror.NONE);
        if (mirror == HistoryMirror.D1) {
            wrangler.filter(d1 -> !d1.effectiveMigrationsTable().equals(WranglerD1Database.DEFAULT_MIGRATIONS_TABLE))
                    .ifPresent(d1 -> {
                        throw new ConfigurationException("wrangler's config sets migrations_table = \""
                                + d1.effectiveMigrationsTable() + "\" for " + d1.binding() + ", but strata keeps"
                                + " only d1_migrations in step with its history; remove migrations_table, or set"
                                + " history = \"strata\" in [migrations] of " + FILE + " and keep the two apart");
                    });
        }
        // A database that wrangler binds is a D1 database, whatever engine reaches its local copy.
        Optional<String> target = toml.target().or(() -> d1Local ? Optional.of("d1") : Optional.empty());

        boolean strict = choice.environment()
                .flatMap(ConfigFile.Environment::lint)
                .map("strict"::equals)
                .orElse(false);
        return new StrataConfig(
                projectDir,
                migrationsDir,
                choice.url(),
                choice.origin(),
                choice.environment().map(ConfigFile.Environment::name),
                historyTable,
                schema,
                choice.environment().map(ConfigFile.Environment::settings).orElse(EnvironmentSettings.NONE),
                List.copyOf(toml.environments().keySet()),
                shadowUrl,
                mirror,
                target,
                lint(
                        toml.lint(),
                        strict || options.lintGate().orElse(LintGate.ON) == LintGate.STRICT,
                        options.lintGate().orElse(LintGate.ON) != LintGate.OFF),
                choice.environment().map(ConfigFile.Environment::locks).orElse(toml.locks()),
                choice.environment()
                        .flatMap(ConfigFile.Environment::singleTransaction)
                        .or(toml::singleTransaction)
                        .orElse(false),
                runLog(toml, projectDir, env));
    }

    /**
     * dbmate's own default folder, {@code db/migrations}, when the project has no {@code migrations}
     * folder: a dbmate project that never set {@code --migrations-dir} keeps its files there.
     */
    private static Optional<Path> dbmateFolder(Path projectDir) {
        Path dbmate = projectDir.resolve(StrataConfig.DBMATE_MIGRATIONS_DIR).normalize();
        boolean ours = Files.isDirectory(projectDir.resolve(StrataConfig.DEFAULT_MIGRATIONS_DIR));
        return !ours && Files.isDirectory(dbmate) ? Optional.of(dbmate) : Optional.empty();
    }

    /**
     * {@code [log]}: where each run that changes the database appends its line; empty when
     * {@code enabled = false}. The folder must exist, so a typo is found now and not after a migration ran.
     */
    private static Optional<Path> runLog(ConfigFile toml, Path projectDir, Map<String, String> env) {
        if (!toml.logEnabled().orElse(true)) {
            return Optional.empty();
        }
        String setting = "[" + ConfigKeys.LOG + "] " + ConfigKeys.LOG_PATH;
        Path file = toml.logPath()
                .map(p -> projectDir
                        .resolve(logFile(Placeholders.resolve(p, setting, env), setting))
                        .normalize())
                .orElseGet(() -> projectDir.resolve(StrataConfig.RUN_LOG_FILE));
        if (toml.logPath().isPresent()) {
            if (Files.isDirectory(file)) {
                throw new ConfigurationException(
                        FILE + ": " + setting + " = \"" + toml.logPath().get() + "\" is a"
                                + " folder; name a file in it, e.g. path = \""
                                + toml.logPath().get() + "/"
                                + StrataConfig.RUN_LOG_FILE + "\"");
            }
            Path parent = file.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new ConfigurationException(
                        FILE + ": " + setting + " = \"" + toml.logPath().get() + "\": the" + " folder " + parent
                                + " does not exist; create it, or name a file in an existing folder");
            }
        }
        return Optional.of(file);
    }

    /** {@code [lint]}: the rule levels, and {@code since}, which names a version rather than a rule. */
    private static LintConfig lint(Map<String, String> table, boolean strict, boolean gate) {
        Map<String, String> levels = new java.util.LinkedHashMap<>(table);
        Optional<String> since = Optional.ofNullable(levels.remove(ConfigKeys.LINT_SINCE));
        try {
            return new LintConfig(levels, strict, since.map(dev.strata.source.Version::parse), gate);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(StrataConfig.CONFIG_FILE + ": [lint] since = \"" + since.orElse("")
                    + "\" is not a version; write the version of the last migration whose findings must not block,"
                    + " e.g. since = \"0042\" or since = \"20240313170000\"");
        }
    }

    /**
     * The D1 database of the project's wrangler config that strata works with: the one a
     * {@code d1-local:} URL names, else the config's first.
     */
    private static Optional<WranglerD1Database> wranglerDatabase(Path projectDir, DatabaseUrl url, boolean d1Local) {
        Optional<WranglerConfig> config = WranglerConfig.find(projectDir);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        String name = url.display().substring(d1Local ? D1LocalDatabases.PREFIX.length() : 0);
        return config.get()
                .database(name, Optional.empty())
                .or(() -> config.get().databases().stream().findFirst());
    }

    /**
     * The environment's shadow_url, else [migrations] shadow_url. Strata empties the shadow database
     * after each use, so one that names the database being migrated is refused outright.
     */
    private static Optional<DatabaseUrl> shadowUrl(
            UrlChoice choice, ConfigFile toml, Map<String, String> env, Path projectDir) {
        Optional<String> setting = choice.environment()
                .flatMap(e -> e.shadowUrl().map(u -> e.table() + " shadow_url"))
                .or(() -> toml.shadowUrl().map(u -> "[migrations] shadow_url"));
        Optional<String> raw =
                choice.environment().flatMap(ConfigFile.Environment::shadowUrl).or(toml::shadowUrl);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        DatabaseUrl shadow =
                parse(Placeholders.resolve(raw.get(), setting.get(), env), FILE + ": " + setting.get(), projectDir);
        if (shadow.jdbcUrl().equals(choice.url().jdbcUrl())) {
            throw new ConfigurationException(FILE + ": " + setting.get() + " names the database strata migrates ("
                    + shadow.display() + "); the shadow is emptied after every use, so give it a database of its own");
        }
        if (shadow.engine() != choice.url().engine()) {
            throw new ConfigurationException(FILE + ": " + setting.get() + " is a " + engineName(shadow) + " database"
                    + " but the database is " + engineName(choice.url()) + "; the shadow must use the same engine");
        }
        return Optional.of(shadow);
    }

    private static String engineName(DatabaseUrl url) {
        return switch (url.engine()) {
            case SQLITE -> "SQLite";
            case POSTGRES -> "PostgreSQL";
            case D1 -> "remote D1";
        };
    }

    private static HistoryMirror mirror(String value, DatabaseUrl url) {
        HistoryMirror mirror = switch (value.strip()) {
            case "strata" -> HistoryMirror.NONE;
            case "d1" -> HistoryMirror.D1;
            default ->
                throw new ConfigurationException(FILE + ": [migrations] history = \"" + value + "\" is not"
                        + " known; use \"d1\" (also keep wrangler's d1_migrations) or \"strata\" (the default)");
        };
        if (mirror == HistoryMirror.D1 && url.engine() == DatabaseUrl.Engine.POSTGRES) {
            throw new ConfigurationException(FILE + ": [migrations] history = \"d1\" keeps wrangler's d1_migrations"
                    + " table, which only D1 (SQLite) databases have, but the database is " + url.display()
                    + "; use a sqlite:, d1-local: or d1: URL, or remove the setting");
        }
        return mirror;
    }

    /**
     * Every environment of the project's strata.toml, in file order, after checking the whole file
     * (each environment's settings included) but without resolving any URL, so that one environment
     * whose variables are not set does not stop the others from being listed.
     *
     * @throws ConfigurationException when there is no strata.toml, it defines no environment, or
     *                                anything in it is wrong
     */
    /**
     * The environments of strata.toml whose {@code requires} names {@code name}: migrations reach
     * {@code name} before them, so its database is more than a scratch copy. Empty without strata.toml.
     */
    public static List<String> environmentsRequiring(ConfigOptions options, String name) {
        return ConfigFile.read(projectDir(options.projectDir()))
                .orElse(ConfigFile.NONE)
                .environments()
                .values()
                .stream()
                .filter(e -> e.settings().requires().filter(name::equals).isPresent())
                .map(ConfigFile.Environment::name)
                .toList();
    }

    public static List<String> environmentNames(ConfigOptions options) {
        Path projectDir = projectDir(options.projectDir());
        ConfigFile toml = ConfigFile.read(projectDir)
                .orElseThrow(() -> new ConfigurationException("there is no "
                        + FILE + " in " + projectDir + " and no wrangler config with D1 databases; create " + FILE
                        + " with an"
                        + " [environments.NAME] table per database"));
        if (toml.environments().isEmpty()) {
            throw new ConfigurationException(FILE + ": " + defined(toml));
        }
        return List.copyOf(toml.environments().keySet());
    }

    private static UrlChoice chooseUrl(ConfigOptions options, boolean hasFile, ConfigFile toml, Path projectDir) {
        Map<String, String> env = options.env();
        if (options.url().isPresent() && options.environment().isPresent()) {
            throw new ConfigurationException("--url and --env can't be used together: --url names the database "
                    + "itself, --env picks one from " + FILE + "; pass only one");
        }
        if (options.url().isPresent() && options.dataSource().isPresent()) {
            throw new ConfigurationException("a URL and a DataSource were both given; give strata only one of them");
        }
        if (options.url().isPresent()) {
            return new UrlChoice(parse(options.url().get(), "--url", projectDir, env), "--url", Optional.empty());
        }
        if (options.dataSource().isPresent()) {
            // The application's DataSource is the database; an environment still gives its settings.
            DatabaseUrl url = DataSourceUrls.of(options.dataSource().get(), projectDir);
            Optional<ConfigFile.Environment> settings = options.environment().map(name -> {
                ConfigFile.Environment chosen = toml.environments().get(name);
                if (chosen == null) {
                    throw new ConfigurationException("environment '" + name + "': "
                            + (hasFile
                                    ? FILE + " defines no such environment; " + defined(toml)
                                    : "there is no " + FILE + " in " + projectDir));
                }
                return chosen;
            });
            return new UrlChoice(url, "the application's DataSource", settings);
        }
        if (options.environment().isPresent()) {
            String name = options.environment().get();
            if (!hasFile) {
                throw new ConfigurationException("--env " + name + ": there is no " + FILE + " in " + projectDir
                        + "; create one with an [environments." + name + "] table, or use --url");
            }
            ConfigFile.Environment chosen = toml.environments().get(name);
            if (chosen == null) {
                throw new ConfigurationException(
                        "--env " + name + ": " + FILE + " defines no environment '" + name + "'; " + defined(toml));
            }
            return fromEnvironment(chosen, options, projectDir);
        }
        String fromEnv = env.get(DATABASE_URL);
        // A variable set to nothing is treated as unset, as shells and CI systems often leave it so.
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new UrlChoice(parse(fromEnv, DATABASE_URL, projectDir, env), DATABASE_URL, Optional.empty());
        }
        if (toml.defaultEnvironment().isPresent()) {
            String raw = toml.defaultEnvironment().get();
            String name = Placeholders.resolve(raw, ConfigKeys.ENVIRONMENT, env);
            ConfigFile.Environment chosen = toml.environments().get(name);
            if (chosen == null) {
                throw new ConfigurationException(FILE + ": environment = \"" + raw + "\" names an environment that "
                        + "is not defined; " + defined(toml));
            }
            return fromEnvironment(chosen, options, projectDir);
        }
        return new UrlChoice(
                parse(DEFAULT_URL, "default URL", projectDir), StrataConfig.DEFAULT_URL_ORIGIN, Optional.empty());
    }

    private static UrlChoice fromEnvironment(ConfigFile.Environment e, ConfigOptions options, Path projectDir) {
        Map<String, String> env = options.env();
        String setting = e.table() + " url";
        String url = e.url()
                .orElseThrow(() -> new ConfigurationException(FILE + ": " + e.table() + " has no url; "
                        + "add url = \"sqlite:dev.db\" or url = \"postgres://USER@HOST/DB\""));
        Optional<String> unset = Placeholders.unsetVariable(url, env);
        if (options.databaseOptional() && unset.isPresent()) {
            // The command can do without it (lint in a job that has no database): go on as if none were
            // named, keeping the environment's other settings. load() requires the engine from target.
            String why = unset.get() + " is not set (used by " + setting + ")";
            return new UrlChoice(
                    parse(DEFAULT_URL, "default URL", projectDir),
                    StrataConfig.DEFAULT_URL_BECAUSE + why,
                    Optional.of(e),
                    Optional.of(why));
        }
        DatabaseUrl parsed = parse(
                Placeholders.resolve(url, setting, env),
                e.wranglerOrigin().orElse(FILE + ": " + setting),
                projectDir,
                env);
        return new UrlChoice(
                parsed,
                "environment '" + e.name() + "' in "
                        + e.wranglerOrigin().map(o -> o.split(" ", 2)[0]).orElse(FILE),
                Optional.of(e));
    }

    /** Parses a URL, saying where it came from on failure (the parser's message is already redacted). */
    private static DatabaseUrl parse(String url, String origin, Path projectDir) {
        return parse(url, origin, projectDir, Map.of());
    }

    private static DatabaseUrl parse(String url, String origin, Path projectDir, Map<String, String> env) {
        try {
            return DatabaseUrls.parse(url, projectDir, env);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(origin + ": " + e.getMessage());
        }
    }

    private static String defined(ConfigFile toml) {
        return toml.environments().isEmpty()
                ? "it defines none; add an [environments.NAME] table with a url"
                : "defined: " + String.join(", ", toml.environments().keySet());
    }

    /** A strata.toml identifier setting, {@code ${env.VAR}} resolved. */
    private static String fileIdentifier(String raw, String setting, Map<String, String> env, int max) {
        return identifier(raw, Placeholders.resolve(raw, setting, env), FILE + ": " + setting, max);
    }

    /** Checks {@code value}; a message quotes {@code raw}, so a value taken from a variable is not printed. */
    private static String identifier(String raw, String value, String setting, int max) {
        if (!IDENTIFIER.matcher(value).matches() || value.length() > max) {
            throw new ConfigurationException(setting + ": '" + raw + "' is not a plain identifier; use 1 to " + max
                    + " letters, digits or _, not starting with a digit");
        }
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("sqlite_") || lower.startsWith("pg_") || lower.equals("information_schema")) {
            // SQLite refuses to create sqlite_* tables (after strata would have created an empty file), and
            // PostgreSQL keeps pg_* and information_schema for itself (pg_temp is a session's temporary schema).
            throw new ConfigurationException(setting + ": '" + raw + "' is a name the database engines reserve"
                    + " (sqlite_*, pg_*, information_schema); choose another name");
        }
        return value;
    }

    private static Path path(String dir) {
        if (dir.isBlank()) {
            throw new ConfigurationException(
                    FILE + ": [migrations] dir is empty; name the migrations folder, " + "e.g. dir = \"migrations\"");
        }
        try {
            return Path.of(dir);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(
                    FILE + ": [migrations] dir '" + dir + "' is not a valid path (" + e.getReason() + ")");
        }
    }

    private static Path logFile(String value, String setting) {
        if (value.isBlank()) {
            throw new ConfigurationException(FILE + ": " + setting + " is empty; name a file, e.g. path = \""
                    + StrataConfig.RUN_LOG_FILE + "\", or write enabled = false to keep no run log");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(
                    FILE + ": " + setting + " = \"" + value + "\" is not a valid path (" + e.getReason() + ")");
        }
    }

    private static Path projectDir(Path dir) {
        if (!Files.exists(dir)) {
            throw new ConfigurationException("-C DIR: folder '" + dir + "' does not exist; check the path");
        }
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("-C DIR: '" + dir + "' is a file, not a folder; give the project folder");
        }
        return dir.toAbsolutePath().normalize();
    }
}
