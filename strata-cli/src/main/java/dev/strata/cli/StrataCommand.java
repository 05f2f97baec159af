package dev.strata.cli;

import dev.strata.Strata;
import dev.strata.cli.commands.AdoptCommand;
import dev.strata.cli.commands.AdviseCommand;
import dev.strata.cli.commands.AlterCommand;
import dev.strata.cli.commands.BackupCommand;
import dev.strata.cli.commands.BaselineCommand;
import dev.strata.cli.commands.BenchInsertCommand;
import dev.strata.cli.commands.CheckCommand;
import dev.strata.cli.commands.DocsCommand;
import dev.strata.cli.commands.DownCommand;
import dev.strata.cli.commands.DriftCommand;
import dev.strata.cli.commands.DumpCommand;
import dev.strata.cli.commands.ExplainCommand;
import dev.strata.cli.commands.ImportCommand;
import dev.strata.cli.commands.InspectCommand;
import dev.strata.cli.commands.LintCommand;
import dev.strata.cli.commands.LogCommand;
import dev.strata.cli.commands.MigrateCommand;
import dev.strata.cli.commands.NewCommand;
import dev.strata.cli.commands.PlanCommand;
import dev.strata.cli.commands.RehearseCommand;
import dev.strata.cli.commands.RepairCommand;
import dev.strata.cli.commands.ResetCommand;
import dev.strata.cli.commands.RestoreCommand;
import dev.strata.cli.commands.SeedCommand;
import dev.strata.cli.commands.SquashCommand;
import dev.strata.cli.commands.StatusCommand;
import dev.strata.cli.commands.TestCommand;
import dev.strata.cli.commands.ValidateCommand;
import dev.strata.config.ConfigurationException;
import dev.strata.engine.MigrationListener;
import dev.strata.environments.Environments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/** {@code strata [-C DIR] [--url URL | --env NAME] [--dir PATH] COMMAND}: the options every command shares. */
@Command(
        name = "strata",
        mixinStandardHelpOptions = true,
        versionProvider = StrataCommand.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Safe, versioned schema migrations for SQLite (Cloudflare D1) and PostgreSQL.",
            "",
            "Migrations are numbered .sql files in the migrations folder: 0001_name.sql,"
                    + " 20250123000001_name.sql, 0001_name.up.sql + 0001_name.down.sql, or 0001_name/up.sql +"
                    + " down.sql; Flyway's V1__name.sql (U1__name.sql undo, R__name.sql repeatable) and dbmate"
                    + " files also work. Each runs in its own transaction with its history row: wholly"
                    + " applied, or not at all.",
            ""
        },
        footer = {
            "",
            "Which database: --url; else --env NAME from strata.toml; else DATABASE_URL; else the default"
                    + " environment of strata.toml; else sqlite:strata.db in the project folder.",
            "URLs: sqlite:PATH, jdbc:sqlite:PATH, postgres://USER:PASSWORD@HOST:PORT/DB,"
                    + " jdbc:postgresql://HOST:PORT/DB. Passwords are never printed.",
            "",
            "Examples:",
            "  strata migrate                 apply every pending migration",
            "  strata -C examples/d1-app status",
            "  strata --url postgres://app@localhost/app migrate --dry-run",
            "  strata new add_users --reversible",
            "  strata down --steps 1",
            "  strata plan                    what pending migrations would change",
            "  strata drift                   the database against its applied migrations",
            "  strata lint --pending          check what migrate would apply",
            "  strata alter orders --type total=REAL   a migration that changes a type",
            "  strata test                    prove every down script restores the schema"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:the operation failed (a migration error, a validation problem, an unreachable database)",
            "2:usage or configuration error; nothing was run"
        })
public final class StrataCommand {

    /**
     * Every command, in the order help lists them. Registered by {@link StrataCli} rather than in
     * {@code @Command(subcommands = ...)}, so that a run builds only the command it runs: picocli
     * inspects each registered command by reflection, which is a good part of the start-up time.
     */
    static final List<Class<?>> COMMANDS = List.of(
            MigrateCommand.class,
            DownCommand.class,
            StatusCommand.class,
            ValidateCommand.class,
            NewCommand.class,
            RepairCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            SeedCommand.class,
            ResetCommand.class,
            LogCommand.class,
            DumpCommand.class,
            DriftCommand.class,
            PlanCommand.class,
            RehearseCommand.class,
            InspectCommand.class,
            SquashCommand.class,
            CheckCommand.class,
            DocsCommand.class,
            BaselineCommand.class,
            AdoptCommand.class,
            LintCommand.class,
            AlterCommand.class,
            ImportCommand.class,
            TestCommand.class,
            ExplainCommand.class,
            AdviseCommand.class,
            BenchInsertCommand.class);

    /** The global options that take a value, to find the command's name before picocli parses anything. */
    static final Set<String> OPTIONS_WITH_VALUE = Set.of("-C", "--url", "--env", "--dir");

    @Option(names = "-C", paramLabel = "DIR", description = "Run as if strata was started in DIR (like git -C).")
    Path directory;

    @Option(names = "--url", paramLabel = "URL", description = "The database; overrides strata.toml and DATABASE_URL.")
    String url;

    @Option(names = "--env", paramLabel = "NAME", description = "Use [environments.NAME] of strata.toml.")
    String environmentName;

    @Option(names = "--dir", paramLabel = "PATH", description = "The migrations folder (default: migrations).")
    Path migrationsDir;

    final Console console;
    private final Map<String, String> environment;
    private final Path workingDir;

    StrataCommand(Console console, Map<String, String> environment, Path workingDir) {
        this.console = console;
        this.environment = environment;
        this.workingDir = workingDir;
    }

    /** Where commands print; commands in other packages reach it through here. */
    public Console console() {
        return console;
    }

    /** Loads and checks the configuration; tells the user when the default database is used. */
    public Strata strata(MigrationListener listener) {
        Strata strata = load(listener);
        wranglerNote(strata.config()).ifPresent(console::notice);
        if (strata.config().usesDefaultDatabase()) {
            console.notice("strata: no database configured; using "
                    + strata.config().url().display() + " (set --url, DATABASE_URL or strata.toml to choose another)");
        }
        return strata;
    }

    public Strata strata() {
        return strata(MigrationListener.SILENT);
    }

    /**
     * Without strata.toml, what strata took from the project's wrangler config: where the migrations
     * are, and the URL of wrangler's local database, so that a wrangler project works as it is.
     */
    private static java.util.Optional<String> wranglerNote(dev.strata.config.StrataConfig config) {
        if (java.nio.file.Files.exists(config.projectDir().resolve(dev.strata.config.StrataConfig.CONFIG_FILE))) {
            return java.util.Optional.empty();
        }
        return dev.strata.config.WranglerConfig.find(config.projectDir())
                .filter(wrangler -> !wrangler.databases().isEmpty())
                .map(wrangler -> {
                    String binding = wrangler.databases().get(0).binding();
                    String dir = config.projectDir()
                            .relativize(config.migrationsDir())
                            .toString()
                            .replace('\\', '/');
                    return "strata: found " + wrangler.fileName() + " (D1 binding " + binding + "): migrations in "
                            + dir + "/, and --url d1-local:" + binding + " reaches its local database"
                            + (config.url().display().startsWith("d1-local:")
                                    ? " (wrangler's d1_migrations is kept in step)"
                                    : "");
                });
    }

    /** Loads and checks the configuration, for commands that never open the database. */
    public Strata load(MigrationListener listener) {
        return load(builder(listener));
    }

    /**
     * Loads the configuration for a command that can do without the database (see {@link
     * Strata.Builder#databaseOptional()}).
     */
    public Strata loadWithoutDatabase() {
        return load(builder(MigrationListener.SILENT).databaseOptional());
    }

    private Strata load(Strata.Builder builder) {
        Strata strata = builder.load();
        strata.config().url().password().ifPresent(console::hide);
        return strata;
    }

    /**
     * Every environment of strata.toml, for commands that look at all of them; refuses --url and
     * --env, which would name one database where every environment is meant.
     */
    public Environments environments(String command) {
        if (url != null || environmentName != null) {
            throw new ConfigurationException(command + " reads every environment of strata.toml; don't combine it"
                    + " with " + (url != null ? "--url" : "--env"));
        }
        return builder(MigrationListener.SILENT).environments();
    }

    /**
     * The databases of a fleet file ({@code --fleet FILE}), each found and checked; refuses --url and
     * --env, since the file names the databases. Every target's password is hidden from the output.
     */
    public dev.strata.fleet.Fleet fleet(Path file) {
        dev.strata.fleet.Fleet fleet = builder(MigrationListener.SILENT).fleet(file);
        fleet.targets().forEach(target -> target.database().password().ifPresent(console::hide));
        return fleet;
    }

    private Strata.Builder builder(MigrationListener listener) {
        Strata.Builder builder = Strata.configure()
                .projectDir(directory == null ? workingDir : workingDir.resolve(directory))
                .environmentVariables(environment)
                .listener(listener == MigrationListener.SILENT ? waitPrinter() : listener);
        if (url != null) {
            builder.url(url);
        }
        if (environmentName != null) {
            builder.environment(environmentName);
        }
        if (migrationsDir != null) {
            builder.migrations(migrationsDir);
        }
        return builder;
    }

    /**
     * A command that shows no progress still says what it waits for: a run blocked by another
     * process's lock must never look hung.
     */
    private MigrationListener waitPrinter() {
        return new MigrationListener() {
            @Override
            public void waiting(String what) {
                console.err("strata: waiting: " + what);
            }
        };
    }

    /** Reads the version Maven wrote into the jar. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = StrataCommand.class.getResourceAsStream("/strata-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            String commit = properties.getProperty("commit", "");
            String build = commit.isBlank() || commit.startsWith("${")
                    ? "built outside a git checkout"
                    : "commit " + commit
                            + ("true".equals(properties.getProperty("dirty")) ? " with local changes" : "");
            return new String[] {
                "strata " + properties.getProperty("version", "unknown") + " (" + build + ")",
                "SQLite: sqlite-jdbc " + properties.getProperty("sqlite-jdbc", "unknown") + "; PostgreSQL: pgjdbc "
                        + properties.getProperty("pgjdbc", "unknown"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ") on "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")
            };
        }
    }
}
