package dev.strata.shadow;

import dev.strata.config.DatabaseUrl;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.ExecutableScript;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.MigrationFailedException;
import dev.strata.dialect.MigrationLock;
import dev.strata.dialect.ThrowawayDatabase;
import dev.strata.dialect.WaitListener;
import dev.strata.engine.ScriptPreparer;
import dev.strata.history.AppliedMigration;
import dev.strata.lint.LintTarget;
import dev.strata.schema.Schema;
import dev.strata.schema.SchemaDiff;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A database of the same engine where strata runs migration files to learn the schema they produce:
 * plan, drift, check and docs all compute through it, and so do later features.
 *
 * <p>It is the database named by {@code shadow_url} when strata.toml sets one (it must be empty,
 * and strata empties it again on {@link #close()}), else a throwaway database the dialect creates
 * next to the configured database (in-memory SQLite; a randomly named PostgreSQL database on the
 * same server) and drops on {@link #close()}, also after a failure.
 *
 * <p>Migrations run through the same code as {@code strata migrate} ({@link ScriptPreparer} and
 * {@link Database#apply}), so directives, BEGIN ... COMMIT wrappers and no-transaction files behave
 * exactly as they will on the real database. One session is held open for the whole life of the
 * object, which is what keeps an in-memory SQLite shadow alive. Not thread-safe.
 */
public final class ShadowDatabase implements AutoCloseable {

    private final Dialect dialect;
    private final Database database;
    /** The configured shadow, emptied on close; else a throwaway one, dropped on close. */
    private final boolean configured;
    /** Run last on close: gives back the configured shadow's turn ({@link ShadowTurns}), or drops the throwaway. */
    private final Runnable release;
    /**
     * The configured shadow's migration lock, released before the session closes: a closed session's
     * lock is freed by its server process as it exits, a moment later, and a run that takes the next
     * turn in that moment would find it held and wait for "another strata process".
     */
    private final MigrationLock lock;

    private final Map<String, AppliedMigration> applied = new HashMap<>();
    private Schema schema;
    private boolean closed;

    private ShadowDatabase(
            Dialect dialect, Database database, boolean configured, MigrationLock lock, Runnable release) {
        this.dialect = dialect;
        this.database = database;
        this.configured = configured;
        this.lock = lock;
        this.release = release;
    }

    /** {@link #create(StrataConfig, WaitListener)}, waiting for another run's shadow without a word. */
    public static ShadowDatabase create(StrataConfig config) {
        return create(config, WaitListener.SILENT);
    }

    /**
     * Opens the configured shadow, or creates a throwaway one, telling {@code waits} when another strata
     * run holds the configured shadow and this one waits for it.
     *
     * @throws ShadowException   when the configured shadow is not empty
     * @throws dev.strata.dialect.DatabaseException when the shadow can't be reached or created; the
     *                           message names the privilege or setting that is missing
     */
    public static ShadowDatabase create(StrataConfig config, WaitListener waits) {
        requireTheTargetsEngine(config);
        Dialect dialect = Dialects.forUrl(config.url());
        HistorySettings history = new HistorySettings(config.historyTable(), config.schema());
        boolean configured = config.shadowUrl().isPresent();
        DatabaseUrl url;
        Runnable release;
        if (configured) {
            url = config.shadowUrl().get();
            release = ShadowTurns.take(url.jdbcUrl());
        } else {
            ThrowawayDatabase throwaway = dialect.createThrowaway(config.url());
            url = throwaway.url();
            release = throwaway::close;
        }
        boolean started = false;
        try {
            Database database = dialect.open(url, history, Dialect.Access.WRITE, waits);
            MigrationLock lock = () -> {};
            try {
                if (configured) {
                    // Other strata processes using the same shadow_url take turns too, where the engine has a
                    // lock that outlives a transaction (PostgreSQL's advisory lock): without it, two runs that
                    // both found the shadow empty would replay into each other. The lock is the session's, so
                    // it ends with close() or with a killed process; SQLite has none to offer here.
                    lock = database.lock();
                    requireEmpty(database);
                }
                database.ensureHistory();
                started = true;
                return new ShadowDatabase(dialect, database, configured, lock, release);
            } finally {
                if (!started) {
                    try {
                        lock.close();
                    } finally {
                        database.close();
                    }
                }
            }
        } finally {
            // Also after an Error: a turn never given back would make every later shadow on that URL wait
            // forever, and a throwaway not dropped would be left on the server.
            if (!started) {
                release.run();
            }
        }
    }

    /**
     * The shadow runs on the engine of the configured database (or of shadow_url). Migrations written
     * for another engine ({@code [migrations] target}) would fail there for reasons of that engine
     * alone, and every finding after the first failure would be about the wrong database.
     */
    private static void requireTheTargetsEngine(StrataConfig config) {
        LintTarget target = LintTarget.of(config);
        DatabaseUrl shadow = config.shadowUrl().orElse(config.url());
        if (!target.runsOn(shadow.engine())) {
            String where = config.shadowUrl().isPresent()
                    ? "shadow_url names " + shadow.display()
                    : config.urlConfigured()
                            ? "it is made next to " + shadow.display() + " (" + config.urlOrigin() + ")"
                            : "it is made next to strata's default database, " + shadow.display() + ", as "
                                    + config.whyDefaultDatabase();
            throw ShadowException.wrongEngine(
                    target.label(), shadow.engine().name().toLowerCase(java.util.Locale.ROOT), where);
        }
    }

    private static void requireEmpty(Database database) {
        Schema found = database.schema();
        int history = database.appliedMigrations().size();
        // What emptying would drop decides, not only what the schema model lists: a schema holding
        // objects of kinds the model doesn't know would otherwise be taken for empty, and dropped.
        List<String> beyond = database.droppedBeyondTheSchema();
        if (!found.isEmpty() || history > 0 || !beyond.isEmpty()) {
            List<String> contents = new ArrayList<>(beyond);
            count(contents, found.tables().size(), "table");
            count(contents, found.views().size(), "view");
            count(contents, found.indexes().size(), "index");
            count(
                    contents,
                    found.types().size()
                            + found.sequences().size()
                            + found.routines().size()
                            + found.triggers().size()
                            + found.extensions().size(),
                    "other object");
            count(contents, history, "applied migration");
            throw ShadowException.notEmpty(database.description(), String.join(", ", contents), history > 0);
        }
    }

    private static void count(List<String> into, int count, String what) {
        if (count > 0) {
            into.add(count + " " + what + (count == 1 ? "" : what.endsWith("x") ? "es" : "s"));
        }
    }

    /** The shadow as named to people, e.g. {@code SQLite database sqlite::memory:}. */
    public String description() {
        return database.description();
    }

    /**
     * The shadow's current schema: what the migrations applied so far produce. The empty shadow's is
     * read only when asked for, or as the start of a step's changes: drift, dump and check's expected
     * schema need only the read after the last migration, and on PostgreSQL each read of a new
     * session costs tens of milliseconds of the server's time.
     */
    public Schema schema() {
        if (schema == null) {
            requireOpen();
            schema = database.schema();
        }
        return schema;
    }

    /** How many rows {@code table} holds on the shadow now, counted up to {@code atMost + 1}. */
    public long countRows(dev.strata.schema.QualifiedName table, long atMost) {
        requireOpen();
        return database.queryPlanner().countRows(table, atMost);
    }

    /** The rows of {@code table} on the shadow now, as SQL literals ({@link Database#rowsAsLiterals}). */
    public List<List<String>> rowsAsLiterals(dev.strata.schema.Table table, List<String> columns) {
        requireOpen();
        return database.rowsAsLiterals(table, columns);
    }

    /** The statements that set the shadow's counters where they stand now ({@link Database#counterPositions}). */
    public List<String> counterPositions() {
        requireOpen();
        return database.counterPositions();
    }

    /** The engine's schema writer, which writes what {@code strata dump} prints. */
    public dev.strata.dialect.SchemaWriter schemaWriter() {
        return dialect.schemaWriter();
    }

    /**
     * Runs a migration's up script on the shadow.
     *
     * @throws ShadowException when it does not parse, or a statement fails (naming file and line)
     */
    public ShadowStep apply(Migration migration) {
        Schema before = schema();
        run(migration);
        schema = database.schema();
        return new ShadowStep(migration, before, schema, SchemaDiff.between(before, schema));
    }

    /**
     * Applies each migration in the order given and reads the schema once, after the last: for a
     * caller that needs only what the files leave (a dump, the expected schema of drift, the starting
     * point of a plan, an alter or a squash), not what each one changed, which costs a schema read
     * per file. Stops at the first that fails.
     */
    public Schema applyAllThenRead(List<Migration> migrations) {
        migrations.forEach(this::applyWithoutReading);
        return schema();
    }

    /**
     * Runs a migration's up script and leaves the schema unread until {@link #schema()} or the next
     * {@link #apply} asks for it: for a caller that needs the schema only at some later step.
     *
     * @throws ShadowException when it does not parse, or a statement fails (naming file and line)
     */
    public void applyWithoutReading(Migration migration) {
        schema = null; // also after a failure: a statement that can't run in a transaction may have left something
        run(migration);
    }

    private void run(Migration migration) {
        requireOpen();
        if (applied.containsKey(migration.version().id())) {
            throw ShadowException.misuse(migration.label() + " is already applied on the shadow database");
        }
        ExecutableScript script = prepare(migration.upSource(), migration.upSql());
        try {
            database.apply(migration.version(), migration.name(), migration.checksum(), script)
                    .ifPresent(row -> applied.put(migration.version().id(), row));
        } catch (MigrationFailedException e) {
            throw ShadowException.failed(e);
        } catch (dev.strata.dialect.HistoryTamperedException e) {
            throw ShadowException.tampered(e);
        }
    }

    /**
     * Runs a script that is not a migration (a schema dump) on the shadow in one transaction, without
     * a history row, and gives the schema it leaves.
     *
     * @param source the script's name for messages, e.g. {@code schema.sql}
     * @throws ShadowException when it does not parse, or a statement fails (naming source and line)
     */
    public Schema load(String source, String sql) {
        requireOpen();
        ExecutableScript script = prepare(source, sql);
        try {
            database.runInOneTransaction(List.of(script));
        } catch (MigrationFailedException e) {
            throw ShadowException.failed(e);
        }
        schema = database.schema();
        return schema;
    }

    /** Applies each migration in the order given; stops at the first that fails. */
    public List<ShadowStep> applyAll(List<Migration> migrations) {
        List<ShadowStep> steps = new ArrayList<>(migrations.size());
        for (Migration migration : migrations) {
            steps.add(apply(migration));
        }
        return List.copyOf(steps);
    }

    /**
     * Runs a migration's down script on the shadow; the migration must have been applied here.
     *
     * @throws dev.strata.source.MigrationSourceException when it has no down script
     * @throws ShadowException when the script does not parse or a statement fails
     */
    public ShadowStep revert(Migration migration) {
        requireOpen();
        AppliedMigration row = applied.get(migration.version().id());
        if (row == null) {
            throw ShadowException.misuse(
                    migration.label() + " is not applied on the shadow database, so it can't be" + " reverted there");
        }
        String text = MigrationDirectory.readDown(migration);
        ExecutableScript script =
                prepare(MigrationDirectory.downSource(migration).orElseThrow(), text);
        Schema before = schema();
        try {
            database.revert(row, script);
        } catch (MigrationFailedException e) {
            throw ShadowException.failed(e);
        } catch (dev.strata.dialect.HistoryTamperedException e) {
            throw ShadowException.tampered(e);
        }
        applied.remove(migration.version().id());
        schema = database.schema();
        return new ShadowStep(migration, before, schema, SchemaDiff.between(before, schema));
    }

    private ExecutableScript prepare(String source, String text) {
        ScriptPreparer.Prepared prepared = ScriptPreparer.prepare(source, text, dialect.splitter());
        if (!prepared.ok()) {
            throw ShadowException.unprepared(prepared.problems());
        }
        List<String> unsupported = dialect.unsupported(prepared.script());
        if (!unsupported.isEmpty()) {
            throw ShadowException.unprepared(unsupported);
        }
        // Preconditions are about the live database's data; here their queries run but don't judge.
        return prepared.script().replayed();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the shadow database is closed");
        }
    }

    /** Empties a configured shadow, or drops the throwaway one; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (configured) {
                database.dropEverything();
            }
        } finally {
            try {
                lock.close();
                database.close();
            } finally {
                release.run();
            }
        }
    }
}
