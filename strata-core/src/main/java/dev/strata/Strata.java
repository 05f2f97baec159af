package dev.strata;

import dev.strata.adopt.Tool;
import dev.strata.advise.AdviceReport;
import dev.strata.advise.Advisor;
import dev.strata.advise.InsertBench;
import dev.strata.advise.InsertBenchReport;
import dev.strata.backup.BackupGate;
import dev.strata.backup.BackupResult;
import dev.strata.backup.BackupTool;
import dev.strata.backup.Backups;
import dev.strata.backup.RestoreResult;
import dev.strata.callback.Callback;
import dev.strata.config.ConfigLoader;
import dev.strata.config.ConfigOptions;
import dev.strata.config.ConfigurationException;
import dev.strata.config.EnvironmentSettings;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.engine.AdoptResult;
import dev.strata.engine.BaselineResult;
import dev.strata.engine.DownRequest;
import dev.strata.engine.DownResult;
import dev.strata.engine.LintRequest;
import dev.strata.engine.MigrateOptions;
import dev.strata.engine.MigrateResult;
import dev.strata.engine.MigrationGate;
import dev.strata.engine.MigrationListener;
import dev.strata.engine.Migrator;
import dev.strata.engine.RepairResult;
import dev.strata.engine.ResetRefusedException;
import dev.strata.engine.ResetResult;
import dev.strata.engine.SeedResult;
import dev.strata.engine.Seeder;
import dev.strata.engine.StatusReport;
import dev.strata.engine.ValidationReport;
import dev.strata.environments.Confirmation;
import dev.strata.environments.ConfirmationGate;
import dev.strata.environments.Environments;
import dev.strata.environments.PromotionGate;
import dev.strata.explain.ExplainReport;
import dev.strata.explain.Explainer;
import dev.strata.imports.ImportResult;
import dev.strata.imports.SchemaImport;
import dev.strata.inspect.DriftReport;
import dev.strata.inspect.HealthReport;
import dev.strata.inspect.Inspector;
import dev.strata.inspect.PlanReport;
import dev.strata.inspect.SchemaDump;
import dev.strata.lint.LintReport;
import dev.strata.lint.LintTarget;
import dev.strata.refactor.AlterRequest;
import dev.strata.refactor.AlterTarget;
import dev.strata.refactor.Refactorer;
import dev.strata.report.MigrationDocs;
import dev.strata.runlog.RunLog;
import dev.strata.runlog.RunRecorder;
import dev.strata.runlog.RunStep;
import dev.strata.shadow.ShadowDatabase;
import dev.strata.shadow.ShadowException;
import dev.strata.shadow.ShadowReplays;
import dev.strata.source.Layout;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import dev.strata.source.MigrationSourceException;
import dev.strata.source.NewMigration;
import dev.strata.source.Version;
import dev.strata.sql.PostgresSplitter;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqliteSplitter;
import dev.strata.verify.RollbackProof;
import dev.strata.verify.RollbackReport;
import dev.strata.verify.ShadowLint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The library's front door.
 *
 * <pre>{@code
 * MigrateResult result = Strata.configure()
 *         .url("sqlite:app.db")
 *         .migrations(Path.of("migrations"))
 *         .load()
 *         .migrate();
 * }</pre>
 *
 * <p>{@link Builder#load()} reads strata.toml from the project folder (when there is one), applies
 * the explicit settings on top, validates everything and seals it. A {@code Strata} is immutable;
 * each operation opens its own database session and closes it before returning, so an instance may
 * be shared, but its operations are not meant to run concurrently on one database from one process.
 */
public final class Strata {

    private final StrataConfig config;
    /** What the configuration was built from, to load the project's other environments alike. */
    private final ConfigOptions options;

    private final MigrationListener listener;
    private final List<Callback> callbacks;
    /**
     * The shadow replays drift and check take their expected schema from: kept for this object's life,
     * so a second drift or check of the same files and settings reuses the first replay, and shared by
     * a fleet's targets.
     */
    private final ShadowReplays replays;

    private Strata(
            StrataConfig config,
            ConfigOptions options,
            MigrationListener listener,
            List<Callback> callbacks,
            ShadowReplays replays) {
        this.config = config;
        this.options = options;
        this.listener = listener;
        this.callbacks = List.copyOf(callbacks);
        this.replays = replays;
    }

    public static Builder configure() {
        return new Builder();
    }

    public StrataConfig config() {
        return config;
    }

    /** Applies every pending migration, in version order. */
    public MigrateResult migrate() {
        return migrate(MigrateOptions.defaults());
    }

    public MigrateResult migrate(MigrateOptions options) {
        return migrate(options, Confirmation.NOBODY_TO_ASK);
    }

    /**
     * Applies pending migrations; on an environment with {@code confirm = true}, {@code confirmation}
     * is asked first (not for a dry run, nor when nothing is pending).
     */
    public MigrateResult migrate(MigrateOptions options, Confirmation confirmation) {
        if (options.dryRun()) {
            return migrator(listener).migrate(options, gates(confirmation, listener));
        }
        return logged("migrate", run -> migrator(run).migrate(options, gates(confirmation, run)));
    }

    /**
     * Runs a command that changes the database and appends its line to the run log (when one is
     * kept): every migration it touched, the backup it took, or, when it failed, the failure.
     */
    private <T> T logged(String command, java.util.function.Function<RunRecorder, T> run) {
        return RunLog.record(config, options.env(), listener, command, run);
    }

    /**
     * The run log, oldest line first: one line per run that changed a database through strata
     * ({@code [log] path} of strata.toml, else strata-runs.log in the project folder).
     *
     * @throws ConfigurationException when strata.toml turns the run log off
     */
    public RunLog.Contents runs() {
        Path file = config.runLog()
                .orElseThrow(() -> new ConfigurationException("no run log is kept here ([log] enabled = false in"
                        + " strata.toml, or turned off by the application); remove the setting to keep one"));
        return RunLog.read(file);
    }

    /**
     * What the chosen environment of strata.toml asks for before its database changes, in this
     * order: that its migrations ran on the environment it {@code requires} (refuse early, before
     * bothering anyone), that someone confirms, then a backup (only of what will really change).
     */
    private MigrationGate gates(Confirmation confirmation, MigrationListener listener) {
        List<MigrationGate> gates = new ArrayList<>();
        EnvironmentSettings settings = config.settings();
        String environment = config.environment().orElse("");
        settings.requires()
                .ifPresent(required -> gates.add(new PromotionGate(
                        environment,
                        required,
                        () -> new Migrator(Environments.of(options).config(required), waitsOnly()).status())));
        if (settings.confirm()) {
            gates.add(new ConfirmationGate(environment, confirmation));
        }
        if (settings.backup() == EnvironmentSettings.BackupPolicy.BEFORE_MIGRATE) {
            gates.add(new BackupGate(backups(), backupTool(), config.url(), listener));
        }
        return MigrationGate.all(gates);
    }

    /**
     * Backs the database up to {@code out}, or to a new time-stamped file in the project's backups
     * folder (then pruning the oldest beyond the environment's {@code keep}). The file is verified
     * before it is given its name, and is readable by its owner only.
     */
    public BackupResult backup(Optional<Path> out) {
        return backups().backup(out);
    }

    /**
     * Replaces the database's content with a backup. Refuses, changing nothing, when the file is not
     * a whole backup of this engine, or when the database is not empty and {@code force} is false.
     */
    public RestoreResult restore(Path file, boolean force) {
        return logged("restore", run -> {
            RestoreResult result = backups().restore(file, force);
            run.files(List.of(result.file().toString()));
            return result;
        });
    }

    /**
     * Restores the database to a bookmark of its engine's own history (D1's Time Travel): every write
     * made after the bookmark is undone, this run's and everyone else's. The caller asks first; the
     * answer's {@code previousBookmark} undoes the restore.
     */
    public dev.strata.backup.BookmarkRestore restoreBookmark(String bookmark) {
        return logged("restore", run -> {
            var result = backupTool().restoreBookmark(config.url(), bookmark);
            run.files(List.of("bookmark " + result.bookmark()));
            return result;
        });
    }

    /**
     * Loads the seed files the chosen environment lists, in one transaction. Refuses an environment
     * that lists none, and a database not chosen through an environment.
     */
    public SeedResult seed() {
        return logged("seed", run -> {
            SeedResult result = new Seeder(config, run).seed();
            run.files(result.files());
            return result;
        });
    }

    /** The listener's waits, without the progress of a run that is not the one the user asked for. */
    private MigrationListener waitsOnly() {
        return new MigrationListener() {
            @Override
            public void waiting(String what) {
                listener.waiting(what);
            }
        };
    }

    private Backups backups() {
        return new Backups(config, backupTool(), options.env(), Clock.systemUTC());
    }

    private BackupTool backupTool() {
        return Dialects.forUrl(config.url()).backupTool(listener);
    }

    /**
     * Runs the pending migrations on a throwaway copy of the database, as {@code migrate} would run
     * them there, and reports what each did: its time, the rows of the tables it touched, the locks
     * it took, or where it failed. The database itself is only read.
     */
    public dev.strata.rehearse.RehearsalReport rehearse() {
        return dev.strata.rehearse.Rehearsal.run(config, options.env(), listener, this::migrator);
    }

    /** Reverts applied migrations, newest first, with their down scripts. */
    public DownResult down(DownRequest request) {
        // The reverted rows reach the log through the listener, one by one, so a failure keeps the ones before it.
        return logged("down", run -> migrator(run).down(request));
    }

    public StatusReport status() {
        return migrator().status();
    }

    /** Every check, collected; reads only. */
    public ValidationReport validate(boolean outOfOrderAllowed) {
        return migrator().validate(outOfOrderAllowed);
    }

    /**
     * Lints migrations: every file of the folder, the pending ones, or the files and folders named.
     *
     * @throws dev.strata.config.ConfigurationException when [lint] names an unknown rule or a path does not exist
     */
    public LintReport lint(LintRequest request) {
        if (!request.shadow() || !request.paths().isEmpty() || request.pending()) {
            return migrator().lint(request);
        }
        // Given a database, the pending files are judged by the rows there, as migrate's gate judges them.
        Migrator migrator = migrator();
        LintReport all = migrator.withCallbacks(
                MigrationDirectory.scan(config.projectDir(), config.migrationsDir()), ShadowLint.run(config, listener));
        if (config.urlConfigured()) {
            return migrator.judgedHere(all);
        }
        // Only this whole-folder lint would have judged by the rows there; say what was missed.
        return config.urlSetAside()
                ? all.withNote("linted without the database (" + config.whyDefaultDatabase()
                        + "): no finding is judged by the rows there.")
                : all;
    }

    /**
     * Proves on the shadow database that every down script restores the schema its migration found,
     * and that the migration applies again afterwards.
     *
     * @throws dev.strata.shadow.ShadowException when the shadow database can't be created
     */
    public RollbackReport testRollbacks() {
        return RollbackProof.run(config, listener);
    }

    /**
     * Writes a full-schema script as non-destructive migrations: into {@code out}, or the migrations
     * folder when empty.
     *
     * @param split one migration for tables, one for indexes, one for triggers and views
     * @throws dev.strata.imports.ImportException when a version it needs is taken; nothing is written then
     */
    public ImportResult importSchema(Path file, Optional<Path> out, boolean split) {
        LintTarget target = LintTarget.of(config);
        SqlSplitter splitter = target == LintTarget.POSTGRES ? PostgresSplitter.INSTANCE : SqliteSplitter.INSTANCE;
        return SchemaImport.run(
                config.projectDir(),
                file,
                out.orElse(config.migrationsDir()),
                split,
                splitter,
                target == LintTarget.POSTGRES);
    }

    /**
     * Records {@code version} and every version before it as applied without running them, for a
     * database whose schema already holds them.
     *
     * @param dryRun  only report what would be recorded
     */
    public BaselineResult baseline(Version version, boolean dryRun) {
        if (dryRun) {
            return migrator().baseline(version, true);
        }
        return logged("baseline", run -> {
            BaselineResult result = migrator(run).baseline(version, false);
            result.recorded().forEach(row -> run.row(row, RunStep.RECORDED));
            return result;
        });
    }

    /**
     * Takes over the history another migration tool keeps in the database (Flyway, wrangler d1,
     * SQLx, golang-migrate, dbmate, diesel): records what it applied, runs nothing.
     *
     * @param from    the tool to adopt from; needed only when the database holds several histories
     * @param dryRun  only report what would be recorded
     */
    public AdoptResult adopt(Optional<Tool> from, boolean dryRun) {
        if (dryRun) {
            return migrator().adopt(from, true);
        }
        return logged("adopt", run -> {
            AdoptResult result = migrator(run).adopt(from, false);
            result.adopted().forEach(row -> run.row(row, RunStep.RECORDED));
            return result;
        });
    }

    /**
     * Development only: drops every object of the migrated schema (with {@code everything}, of the
     * whole database), strata's history included, then applies every migration again. Other tools'
     * history tables stay unless {@code everything}.
     *
     * @param dryRun only list what would be dropped
     * @throws ResetRefusedException on an environment marked {@code protected = true}, or one that
     *                               another environment {@code requires}
     */
    public ResetResult reset(boolean everything, boolean dryRun) {
        config.environment().ifPresent(environment -> {
            if (config.settings().protectedEnvironment()) {
                throw new ResetRefusedException("environment '" + environment + "' has protected = true in "
                        + StrataConfig.CONFIG_FILE + ", so strata reset will not empty it; nothing was changed."
                        + " Reset a development environment instead, e.g. strata --env dev reset");
            }
            List<String> requiring = ConfigLoader.environmentsRequiring(options, environment);
            if (!requiring.isEmpty()) {
                throw new ResetRefusedException("environment '" + environment + "' is the one "
                        + String.join(", ", requiring) + " require" + (requiring.size() == 1 ? "s" : "")
                        + " migrations to reach first, so its database is part of the promotion path and strata"
                        + " reset will not empty it; nothing was changed. Reset a development environment instead");
            }
        });
        if (dryRun) {
            return migrator().reset(everything, true);
        }
        return logged("reset", run -> {
            Migrator migrator = migrator(run);
            ResetResult dropped = migrator.reset(everything, false);
            run.changed();
            MigrateResult migrated = migrator.migrate(MigrateOptions.defaults(), MigrationGate.NONE);
            return new ResetResult(dropped.database(), dropped.dropped(), dropped.kept(), Optional.of(migrated));
        });
    }

    /** Clears the records of migrations that failed part-way, once the user cleaned up by hand. */
    public RepairResult repair() {
        return logged("repair", run -> {
            RepairResult result = migrator(run).repair();
            result.cleared().forEach(row -> run.row(row, RunStep.CLEARED));
            return result;
        });
    }

    /** Creates the next migration file(s) in the folder's style; returns the files created. */
    public List<Path> newMigration(String name, boolean reversible) {
        try {
            NewMigration.normaliseName(name);
        } catch (MigrationSourceException e) {
            // A name that can't become a file name is a wrong argument: a usage error, found before any file is read.
            throw new ConfigurationException(e.getMessage());
        }
        List<Migration> existing = Files.isDirectory(config.migrationsDir())
                ? MigrationDirectory.scan(config.projectDir(), config.migrationsDir())
                : List.of();
        return NewMigration.create(
                config.migrationsDir(), existing, name, reversible, java.time.Clock.systemUTC(), wranglerReads());
    }

    /** Whether the migrations folder is one that wrangler applies migrations from (a D1 binding's migrations_dir). */
    public boolean wranglerReads() {
        return dev.strata.config.WranglerConfig.find(config.projectDir()).stream()
                .flatMap(wrangler -> wrangler.databases().stream()
                        .map(d1 -> wrangler.directory()
                                .resolve(d1.effectiveMigrationsDir())
                                .normalize()))
                .anyMatch(config.migrationsDir()::equals);
    }

    /**
     * The canonical schema SQL of the database, or with {@code fromMigrations} of what all migration
     * files produce on a shadow database.
     */
    public SchemaDump dump(boolean fromMigrations) {
        return inspector().dump(fromMigrations);
    }

    /**
     * Loads a schema dump into a throwaway database of the engine and reads it back: the problems,
     * empty when it loads and gives {@code expected} again.
     *
     * @param source the dump's name for messages
     */
    public List<String> reloadDump(String source, String sql, dev.strata.schema.Schema expected) {
        return inspector().reload(source, sql, expected);
    }

    /**
     * Replaces the migration files up to {@code to} with one baseline: the schema and rows they
     * produce on a shadow database, with a header naming what it replaces, so that databases which
     * applied them are recognised. Refuses, writing nothing, unless the squashed folder builds the same
     * schema and rows as the old one; with {@code dryRun} only says what it would write. Touches no
     * database but shadows.
     */
    public dev.strata.squash.SquashResult squash(Version to, boolean dryRun) {
        return new dev.strata.squash.Squasher(config, listener).squash(to, dryRun);
    }

    /** The database against what its applied migrations produce on a shadow database; reads only. */
    public DriftReport drift() {
        return inspector().drift();
    }

    /** Each pending migration's statements and the schema changes they make, computed on a shadow database. */
    public PlanReport plan() {
        // The dry run goes through migrate's own gate, so plan shows the findings migrate would act on.
        return inspector().plan(migrator().migrate(new MigrateOptions(Optional.empty(), true, false)));
    }

    /** The database's health: the engine's checks, failed migrations, missing tables and indexes; reads only. */
    public HealthReport check() {
        return inspector().check();
    }

    /**
     * What the database costs ({@code strata inspect}): table and index sizes, row estimates, index
     * use and, on PostgreSQL, connections and dead rows. Reads only; a SQLite file that does not
     * exist is not created.
     */
    public dev.strata.costs.CostReport costs() {
        Dialect dialect = Dialects.forUrl(config.url());
        try (dev.strata.dialect.Database database = dialect.open(
                config.url(),
                new dev.strata.dialect.HistorySettings(config.historyTable(), config.schema()),
                Dialect.Access.READ,
                listener)) {
            return database.costs();
        }
    }

    /**
     * The migration history document (Markdown, and HTML beside it) computed from the migration files
     * on a shadow database; nothing is written until {@link MigrationDocs#write()}.
     *
     * @param markdownFile where the Markdown goes, relative to the project folder unless absolute;
     *                     {@link MigrationDocs#DEFAULT_FILE} when in doubt
     */
    public MigrationDocs docs(Path markdownFile) {
        return MigrationDocs.generate(config, markdownFile, listener);
    }

    /**
     * The same document drawn from the configured database's catalog: its tables and their diagram
     * as deployed, and how many migrations its history holds. Reads only; nothing is written until
     * {@link MigrationDocs#write()}.
     *
     * @param markdownFile where the Markdown goes, relative to the project folder unless absolute
     */
    public MigrationDocs docsFromDatabase(Path markdownFile) {
        return MigrationDocs.fromDatabase(config, markdownFile, listener);
    }

    /**
     * Plans every query of {@code file} on the database, without running any, and flags each full
     * scan of a table with more than {@code maxScanRows} rows with the index that would serve it.
     * Reads only.
     *
     * @param file a file of SQL queries, relative to the project folder unless absolute
     * @throws ConfigurationException when {@code file} is not a file or {@code maxScanRows} is negative
     */
    public ExplainReport explain(Path file, long maxScanRows) {
        return new Explainer(config, listener).explain(file, maxScanRows);
    }

    /**
     * Index advice: duplicate and redundant indexes, foreign keys without an index, indexes unused
     * since the statistics were reset (PostgreSQL), and tables with many indexes. Reads only.
     *
     * @param fromMigrations read the schema the migration files produce on a shadow database
     */
    public AdviceReport advise(boolean fromMigrations) {
        return new Advisor(config, listener).advise(fromMigrations);
    }

    /**
     * Writes the automatic fixes of {@code report} as a new reversible migration in the migrations
     * folder; returns the files written (none when there is nothing to fix).
     */
    public List<Path> writeAdviceMigration(AdviceReport report) {
        return new Advisor(config, listener).writeMigration(report);
    }

    /**
     * Insert throughput on a copy of {@code table}'s schema in a throwaway database (never the live
     * data): with every index, and without {@code withoutIndexes}, {@code rows} generated rows per run.
     *
     * @throws ConfigurationException when the table or an index is unknown, or {@code rows} is below 1
     */
    public InsertBenchReport benchInsert(String table, int rows, List<String> withoutIndexes) {
        return new InsertBench(config, listener).run(table, rows, withoutIndexes);
    }

    /**
     * Writes a migration that makes the changes asked for to one table ({@code strata alter}),
     * computed from the schema the existing migrations produce on a shadow database and rehearsed
     * there. It is written to the migrations folder for review and never run here.
     *
     * @throws dev.strata.config.ConfigurationException when the table, a column or a constraint does not exist
     * @throws dev.strata.refactor.AlterRefusedException when the change can't be made without risking data
     */
    public Refactorer.Result alter(AlterRequest request) {
        List<Migration> existing = Files.isDirectory(config.migrationsDir())
                ? MigrationDirectory.scan(config.projectDir(), config.migrationsDir())
                : List.of();
        AlterTarget target =
                AlterTarget.of(config.target().orElse(config.url().engine().name()));
        dev.strata.refactor.OnlineChange.requireSupported(request, target);
        Dialect dialect = Dialects.forUrl(config.url());
        try (ShadowDatabase shadow = ShadowDatabase.create(config, listener)) {
            shadow.applyAllThenRead(existing);
            int[] rehearsals = {0};
            Refactorer.Rehearsal rehearsal = (label, sql) -> {
                // A version no real migration has, so the rehearsal's history row can't clash with one.
                Version version = Version.parse("9".repeat(30) + (rehearsals[0]++));
                Migration generated = new Migration(
                        version,
                        label,
                        Layout.SINGLE_FILE,
                        Path.of(label + ".sql"),
                        "generated " + label,
                        sql,
                        dev.strata.source.Checksums.sha256(sql),
                        java.util.Optional.empty());
                try {
                    return new Refactorer.Rehearsed(shadow.apply(generated).after(), java.util.Optional.empty());
                } catch (ShadowException e) {
                    // The statement's own failure says more (a failed check lists its rows) than the shadow's summary.
                    String failure = e.getCause() instanceof dev.strata.dialect.MigrationFailedException cause
                            ? cause.getMessage()
                            : e.getMessage();
                    return new Refactorer.Rehearsed(shadow.schema(), java.util.Optional.of(failure));
                }
            };
            return Refactorer.generate(
                    shadow.schema(),
                    request,
                    target,
                    dialect.alterWriter(),
                    rehearsal,
                    config.migrationsDir(),
                    existing);
        }
    }

    private Inspector inspector() {
        return new Inspector(config, listener, replays);
    }

    private Migrator migrator() {
        return migrator(config, listener);
    }

    private Migrator migrator(MigrationListener listener) {
        return migrator(config, listener);
    }

    private Migrator migrator(StrataConfig config, MigrationListener listener) {
        // One analysis for the gate in front of migrate and for lint --pending: the same findings, the same verdict.
        return new Migrator(
                config,
                listener,
                (files, pending, live) ->
                        ShadowLint.analyse(config, files, pending::contains, Optional.of(live), listener),
                callbacks);
    }

    /** Collects settings; nothing is read or checked until {@link #load()}. */
    public static final class Builder {

        private ConfigOptions options = ConfigOptions.defaults();
        private MigrationListener listener = MigrationListener.SILENT;
        private final List<Callback> callbacks = new ArrayList<>();
        private Optional<Optional<Path>> runLog = Optional.empty();

        private Builder() {}

        /**
         * Where the run log goes, above strata.toml's {@code [log]}: a file (relative to the project
         * folder unless absolute), or empty to keep none. Without this call strata.toml decides, and
         * by default each run that changes a database appends to strata-runs.log in the project folder.
         */
        public Builder runLog(Optional<Path> file) {
            this.runLog = Optional.of(Objects.requireNonNull(file, "file"));
            return this;
        }

        /** The folder strata works in, where strata.toml is read from; the current folder by default. */
        public Builder projectDir(Path projectDir) {
            options = options.withProjectDir(Objects.requireNonNull(projectDir, "projectDir"));
            return this;
        }

        /** The database; overrides strata.toml and DATABASE_URL. */
        public Builder url(String url) {
            options = options.withUrl(Objects.requireNonNull(url, "url"));
            return this;
        }

        /**
         * The database as an application's DataSource (SQLite or PostgreSQL), instead of a URL; an
         * {@link #environment} still gives its settings. Strata reads the DataSource's JDBC URL, user
         * and password ({@code getPassword()}, when its class has one) and opens its own connections.
         */
        public Builder dataSource(javax.sql.DataSource dataSource) {
            options = options.withDataSource(Objects.requireNonNull(dataSource, "dataSource"));
            return this;
        }

        /** How the lint gate in front of migrate judges, above strata.toml. */
        public Builder lint(dev.strata.config.LintGate gate) {
            options = options.withLintGate(Objects.requireNonNull(gate, "gate"));
            return this;
        }

        /**
         * For a run that can do without the configured database, such as a lint in a job that has
         * none: an environment URL whose variable is not set is then set aside when {@code
         * [migrations] target} names the engine, and the run goes on as if no database were named.
         */
        public Builder databaseOptional() {
            options = options.withDatabaseOptional(true);
            return this;
        }

        /** The strata.toml environment to use. */
        public Builder environment(String name) {
            options = options.withEnvironment(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** The migrations folder, relative to the project folder unless absolute. */
        public Builder migrations(Path dir) {
            options = options.withMigrationsDir(Objects.requireNonNull(dir, "dir"));
            return this;
        }

        public Builder historyTable(String table) {
            options = options.withHistoryTable(Objects.requireNonNull(table, "table"));
            return this;
        }

        public Builder schema(String schema) {
            options = options.withSchema(Objects.requireNonNull(schema, "schema"));
            return this;
        }

        /** The environment variables that ${env.VAR} and DATABASE_URL read; the process's own by default. */
        public Builder environmentVariables(Map<String, String> variables) {
            options = options.withEnv(variables);
            return this;
        }

        /** Told of progress and waits. */
        public Builder listener(MigrationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Adds a callback that {@code migrate} calls at the moments of its run, after the SQL callbacks
         * of the same moment; several are called in the order they were added.
         */
        public Builder callback(Callback callback) {
            callbacks.add(Objects.requireNonNull(callback, "callback"));
            return this;
        }

        /**
         * @throws dev.strata.config.ConfigurationException when any setting is wrong, naming it
         */
        public Strata load() {
            StrataConfig config = ConfigLoader.load(options);
            return new Strata(
                    runLog.map(config::withRunLog).orElse(config), options, listener, callbacks, new ShadowReplays());
        }

        /**
         * The databases a fleet file lists, each to be run with these settings and its own database
         * ({@code strata migrate --fleet FILE}). Every target is found and checked now: an unknown
         * environment, a glob that matches no file or a schema pattern that matches no schema stops
         * here with the fleet file's {@code FILE:LINE}.
         *
         * @param file the fleet file, relative to the project folder unless absolute
         * @throws ConfigurationException when a URL or an environment was also given, or the file is wrong
         */
        public dev.strata.fleet.Fleet fleet(Path file) {
            if (options.url().isPresent()
                    || options.environment().isPresent()
                    || options.dataSource().isPresent()) {
                throw new ConfigurationException("a fleet file names its own databases; don't combine --fleet with "
                        + (options.environment().isPresent() ? "--env" : "--url") + " (list the database in the fleet"
                        + " file instead)");
            }
            ConfigOptions shared = options;
            List<Callback> sharedCallbacks = List.copyOf(callbacks);
            Optional<Optional<Path>> sharedRunLog = runLog;
            // Targets of the same settings replay the same applied files: drift and check do it once.
            ShadowReplays sharedReplays = new ShadowReplays();
            return dev.strata.fleet.Fleet.load(file, shared, (target, targetListener) -> {
                ConfigOptions chosen = target.environment()
                        .map(shared::withEnvironment)
                        .orElseGet(() -> shared.withUrl(target.url().orElseThrow()));
                // A tenant's schema keeps its own history, and is the search path of its migrations.
                chosen = target.schema().map(chosen::withSchema).orElse(chosen);
                StrataConfig config = ConfigLoader.load(chosen);
                if (target.schema().isPresent()) {
                    config = config.onDatabase(
                            config.url().inSchema(target.schema().get()),
                            config.urlOrigin() + ", schema " + target.schema().get());
                }
                return new Strata(
                        sharedRunLog.map(config::withRunLog).orElse(config),
                        chosen,
                        targetListener,
                        sharedCallbacks,
                        sharedReplays);
            });
        }

        /**
         * Every environment of the project's strata.toml, without choosing one: for commands that
         * look at all of them ({@code status --all-envs}). {@code url} and {@code environment} are
         * ignored.
         *
         * @throws dev.strata.config.ConfigurationException when there is no strata.toml, it defines
         *                                                  no environment, or a setting is wrong
         */
        public Environments environments() {
            return Environments.of(options, listener);
        }
    }
}
