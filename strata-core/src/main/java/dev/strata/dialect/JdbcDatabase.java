package dev.strata.dialect;

import dev.strata.history.AppliedMigration;
import dev.strata.history.HistoryTable;
import dev.strata.schema.Column;
import dev.strata.schema.Table;
import dev.strata.source.Version;
import dev.strata.sql.Statement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of the storage contract that is plain JDBC and the same on every engine: running
 * scripts in or out of a transaction, writing history rows beside them, turning driver errors into
 * messages. A dialect adds how a write transaction starts, how the lock is taken and how the
 * history table is named and typed.
 */
public abstract class JdbcDatabase implements Database {

    protected final Connection connection;
    protected final WaitListener waits;
    private final String description;
    private final HistoryTable history;
    private String appliedBy;
    /** The installed_rank of this session's next history row, once known; see {@link #rank}. */
    private Long nextRank;

    /** Checks a history that other sessions may have changed, inside each write transaction that records. */
    private HistoryGuard guard = HistoryGuard.NONE;
    /** What runs around each migration's statements: the callbacks of the run. */
    private EachMigration each = EachMigration.NONE;

    /** Set while a {@code foreign-keys off} script runs on a session that enforced them. */
    private boolean checkForeignKeysBeforeCommit;

    /** The run's lock limits ({@link #limitWaits}); none until the engine sets them. */
    private dev.strata.config.LockSettings limits = dev.strata.config.LockSettings.NONE;
    /** The lock timeout in force while a script runs in strata's transaction; null when none is. */
    private java.time.Duration watching;
    /**
     * The limits {@link #limitWaitsOf} set in the open transaction; null when none were set yet, or a
     * script may have changed them since. Lets a run in one transaction set them once, not per migration.
     */
    private Limits limitsSet;
    /** The version whose no-transaction statements are running, for their backfills' progress rows. */
    private Version running;

    protected JdbcDatabase(Connection connection, String description, HistoryTable history, WaitListener waits) {
        this.connection = connection;
        this.description = description;
        this.history = history;
        this.waits = waits;
    }

    // ---- what a dialect supplies -------------------------------------------------------------

    /** Whether the history table exists, without touching it (a failed query would abort a PostgreSQL transaction). */
    protected abstract boolean historyExists() throws SQLException;

    /**
     * Whether the history's format table ({@code <table>_meta}) exists. Without the history table
     * beside it, it means the history was lost, not that the database is new.
     */
    protected abstract boolean metaExists() throws SQLException;

    /** Starts a transaction that will write, waiting for other writers where the engine makes them wait. */
    protected abstract void begin() throws SQLException;

    protected abstract void commit() throws SQLException;

    protected abstract void rollback() throws SQLException;

    /** The name recorded in applied_by. */
    protected abstract String currentUser() throws SQLException;

    /**
     * True when two sessions can reach {@link #apply} for the same version, because the engine's
     * lock is the write transaction itself; apply then checks the history inside its transaction.
     */
    protected abstract boolean checksHistoryInsideTransaction();

    /**
     * Called once inside each write transaction that records a migration: true when no other session
     * can have written the history since this session last read all of it ({@link #appliedMigrations}),
     * so that what this session knows of the history still holds: which versions are in it (those
     * it read and those it recorded since), and the next installed_rank. False whenever unsure.
     */
    protected abstract boolean historyUnchangedByOthers() throws SQLException;

    /**
     * Called just before this session reads the whole history, for a dialect that tells other
     * sessions' writes apart by a change counter ({@link #historyUnchangedByOthers}).
     */
    protected void historyObserved() throws SQLException {
        // Engines whose migration lock keeps other writers out need no counter.
    }

    /**
     * Stops enforcing foreign keys for the next transaction ({@code -- strata:foreign-keys off}). Called
     * outside any transaction, because engines ignore the setting inside one.
     *
     * @return what puts enforcement back as it was, run after the transaction ends either way; empty
     *         when foreign keys were not enforced to begin with
     */
    protected Optional<ForeignKeyRestore> suspendForeignKeys() throws SQLException {
        throw new DatabaseException("'-- strata:foreign-keys off' is for SQLite, where a table rebuild needs it; "
                + description + " does not support it. Remove the directive.");
    }

    /**
     * Every row whose foreign key points at no parent, each as {@code column = value, ...}, at most
     * {@code limit} of them; with the total in {@code count[0]}. Runs inside the transaction of a
     * {@code foreign-keys off} script, before it commits.
     */
    protected List<String> foreignKeyViolations(int limit, long[] count) throws SQLException {
        count[0] = 0;
        return List.of();
    }

    /** Puts foreign-key enforcement back after a {@code foreign-keys off} script. */
    @FunctionalInterface
    protected interface ForeignKeyRestore {
        void restore() throws SQLException;
    }

    /** Strata's backfill progress table beside the history ({@code <history>_backfill}), as put into SQL. */
    protected abstract String backfillTableName();

    /** Whether {@link #backfillTableName} exists, without touching it. */
    protected abstract boolean backfillTableExists() throws SQLException;

    /**
     * The integer key a backfill walks on its table, as put into SQL ({@code rowid}, {@code "id"}).
     *
     * @throws DatabaseException naming the table and what to do when it has no key a backfill can walk
     */
    protected abstract String backfillKey(dev.strata.sql.Backfill backfill) throws SQLException;

    /** The other tool's history kept in step with strata's; none unless the dialect supplies one. */
    protected MirrorTable mirror() {
        return MirrorTable.NONE;
    }

    /** Where other tools' history tables are, and their columns. */
    protected abstract ForeignHistoryReader.Catalog catalog();

    /**
     * Why this session would read the next statement's text differently from strata's split, or
     * empty. Asked before every statement, so it must cost no round trip.
     */
    protected Optional<String> readsDifferently() throws SQLException {
        return Optional.empty();
    }

    /**
     * Sets, for the open transaction only, how long each statement may wait for a lock and run; empty
     * leaves the session's own setting. Engines without such limits keep this no-op.
     */
    protected void limitTransaction(
            Optional<java.time.Duration> lockTimeout, Optional<java.time.Duration> statementTimeout)
            throws SQLException {
        // No limits to set: such an engine waits as its connection says (SQLite's busy_timeout).
    }

    /** Whether the failure is the engine giving up waiting for a lock another session holds. */
    protected boolean lockTimedOut(SQLException e) {
        return false;
    }

    /**
     * Starts looking for the sessions that make the next statement wait, while a lock timeout of
     * {@code lockTimeout} is in force; closed when the statement ends.
     */
    protected BlockerWatch watchBlockers(java.time.Duration lockTimeout) {
        return BlockerWatch.NONE;
    }

    /** The database's own words for a failure, with the dialect's hint on a line of its own when it has one. */
    protected final String databaseMessage(SQLException e) {
        return databaseMessage(e, "");
    }

    /** The same for a failure of {@code statement}, which tells a hint what the session was doing. */
    protected final String databaseMessage(SQLException e, String statement) {
        return errorHints().explain(databaseWords(e), e, ErrorHints.Where.on(connection, statement));
    }

    /** The database's own words for a failure, without driver boilerplate. */
    protected String databaseWords(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip();
    }

    /** This engine's hints; the same as its dialect's {@link Dialect#errorHints()}. */
    protected ErrorHints errorHints() {
        return ErrorHints.NONE;
    }

    // ---- the contract --------------------------------------------------------------------------

    @Override
    public String description() {
        return description;
    }

    @Override
    public void ensureHistory() {
        try {
            if (!historyExists() && !createdMeanwhileElseRefuseLost()) {
                inTransaction(() -> {
                    history.create(connection);
                    return null;
                });
            }
            checkFormat();
            mirror().create(connection);
        } catch (SQLException e) {
            // The statement tells a missing-privilege hint that creating (CREATE on the schema) failed.
            throw new DatabaseException(
                    "could not create the history table " + history.name() + " on " + description + ": "
                            + databaseMessage(e, "CREATE TABLE " + history.name()),
                    e);
        }
    }

    @Override
    public List<AppliedMigration> appliedMigrations() {
        try {
            if (!historyExists() && !createdMeanwhileElseRefuseLost()) {
                return List.of();
            }
            checkFormat();
            historyObserved();
            return history.readAll(connection);
        } catch (SQLException e) {
            throw failure("could not read the history table " + history.name(), e);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // A version or a date that doesn't parse (SQLite keeps both as text, so a hand edit can break them).
            throw new DatabaseException("the history table " + history.name() + " of " + description
                    + " holds a row strata can't read (" + e.getMessage() + "); was it edited by hand?"
                    + " Correct or delete that row.");
        }
    }

    @Override
    public void guardHistory(HistoryGuard guard) {
        this.guard = guard;
    }

    @Override
    public void limitWaits(dev.strata.config.LockSettings limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    @Override
    public void aroundEach(EachMigration each) {
        this.each = java.util.Objects.requireNonNull(each, "each");
    }

    @Override
    public Optional<AppliedMigration> apply(Version version, String name, String checksum, ExecutableScript up) {
        return up.transactional()
                ? applyInTransaction(version, name, checksum, up)
                : applyStatementByStatement(version, name, checksum, up);
    }

    private Optional<AppliedMigration> applyInTransaction(
            Version version, String name, String checksum, ExecutableScript up) {
        try {
            Optional<AppliedMigration> applied = withForeignKeys(
                    up,
                    () -> inTransaction(() -> {
                        limitWaitsOf(up);
                        return applyInOpenTransaction(
                                version,
                                name,
                                checksum,
                                up,
                                guardedHistoryUnchanged(),
                                "the migration did not run: nothing was changed.",
                                "the migration was rolled back: none of it was applied.");
                    }));
            if (applied.isPresent()) {
                nextRank = nextRank + 1; // committed: the rank is taken
            }
            return applied;
        } catch (SQLException e) {
            throw failure("could not apply " + up.source(), e);
        } finally {
            watching = null;
        }
    }

    /**
     * Sets the lock and statement limits for the script's transaction (the file's own lock timeout
     * over the run's), and watches for blockers while a lock timeout is in force.
     */
    private void limitWaitsOf(ExecutableScript script) throws SQLException {
        Optional<java.time.Duration> lockTimeout =
                script.lockTimeout().isPresent() ? script.lockTimeout().filter(d -> !d.isZero()) : limits.lockTimeout();
        Limits wanted = new Limits(lockTimeout, limits.statementTimeout());
        // A round trip on PostgreSQL: within one transaction, sent again only when the limits differ.
        if (!wanted.equals(limitsSet)) {
            limitTransaction(wanted.lockTimeout(), wanted.statementTimeout());
            limitsSet = wanted;
        }
        watching = lockTimeout.orElse(null);
    }

    /** The lock and statement timeouts set for the open transaction. */
    private record Limits(Optional<java.time.Duration> lockTimeout, Optional<java.time.Duration> statementTimeout) {}

    /**
     * Whether a script may have set the lock or statement timeout itself ({@code SET LOCAL
     * lock_timeout}, {@code set_config('statement_timeout', ...)}): its text names one. Errs towards
     * yes; the price of a false yes is setting the run's limits again before the next migration.
     */
    private static boolean mayChangeLimits(ExecutableScript script) {
        for (Statement statement : script.statements()) {
            String sql = statement.sql().toLowerCase(java.util.Locale.ROOT);
            if (sql.contains("lock_timeout") || sql.contains("statement_timeout")) {
                return true;
            }
        }
        return false;
    }

    /** The script's preconditions, in file order, before anything of it runs; the first that fails stops it. */
    private void checkRequirements(ExecutableScript script, String outcome) {
        for (ExecutableScript.Requirement requirement : script.requirements()) {
            Statement query =
                    new Statement(requirement.sql(), requirement.line(), 1, dev.strata.sql.StatementKind.ORDINARY);
            Requirements.Outcome result;
            try {
                result = Requirements.check(connection, requirement.sql());
            } catch (SQLException e) {
                throw new MigrationFailedException(
                        script.source(),
                        query,
                        "the precondition's query failed: " + databaseMessage(e),
                        outcome + " Correct the query of '-- strata:require'.");
            }
            if (requirement.enforced() && !result.holds()) {
                throw new PreconditionFailedException(
                        script.source(),
                        requirement.line(),
                        requirement.sql(),
                        requirement.message(),
                        result.rows(),
                        outcome);
            }
        }
    }

    @Override
    public Optional<String> singleTransactionRefusal() {
        return Optional.empty();
    }

    @Override
    public List<Optional<AppliedMigration>> applyAll(
            List<MigrationScript> migrations, java.util.function.Consumer<MigrationScript> starting) {
        for (MigrationScript migration : migrations) {
            if (!migration.up().transactional() || migration.up().foreignKeysOff()) {
                throw new IllegalArgumentException(migration.up().source() + " can't run in a shared transaction");
            }
        }
        try {
            List<Optional<AppliedMigration>> rows = inTransaction(() -> {
                // Checked once: from here this session's write transaction keeps every other writer out of the
                // history (SQLite's write lock, or the advisory lock and the re-read on PostgreSQL), so the rows
                // it writes are the only change, and the ranks are counted on locally.
                boolean unchanged = guardedHistoryUnchanged();
                String rolledBack = "the whole run was rolled back (--single-transaction): none of its "
                        + migrations.size() + " migrations was applied.";
                // The history is compared once, around the whole run, and the run's rows are written after that:
                // nothing commits in between, so a write by any of its migrations still rolls all of it back,
                // and a migration costs no round trips beyond its own statements (the marks before and after
                // each, and its row, were three on PostgreSQL).
                HistoryState before = historyState(true);
                List<Optional<AppliedMigration>> written = new java.util.ArrayList<>(migrations.size());
                List<Ran> toRecord = new java.util.ArrayList<>(migrations.size());
                for (MigrationScript migration : migrations) {
                    starting.accept(migration);
                    limitWaitsOf(migration.up());
                    Optional<Ran> ran = runInOpenTransaction(
                            migration.version(),
                            migration.name(),
                            migration.checksum(),
                            migration.up(),
                            unchanged,
                            rolledBack,
                            rolledBack);
                    if (ran.isPresent()) {
                        toRecord.add(ran.get());
                        nextRank = nextRank + 1;
                        unchanged = true;
                    }
                    written.add(ran.map(Ran::row));
                }
                checkHistoryKept(before, sourceOf(migrations), rolledBack + adviceOnHistoryWrites(migrations));
                writeRows(toRecord);
                return written;
            });
            return rows;
        } catch (SQLException | RuntimeException e) {
            nextRank = null; // rolled back: the ranks counted on were not taken
            if (e instanceof SQLException sql) {
                throw failure("could not apply the migrations in one transaction", sql);
            }
            throw (RuntimeException) e;
        } finally {
            watching = null;
        }
    }

    /** The file a history write in a one-transaction run came from: the run's span, when it is several. */
    private static String sourceOf(List<MigrationScript> migrations) {
        String first = migrations.get(0).up().source();
        if (migrations.size() == 1) {
            return first;
        }
        return first + " to " + migrations.get(migrations.size() - 1).up().source() + " (one of these "
                + migrations.size() + " migrations, run in one transaction)";
    }

    /** How to find which of several migrations wrote the history, since the check ran once around them. */
    private static String adviceOnHistoryWrites(List<MigrationScript> migrations) {
        return migrations.size() == 1
                ? ""
                : " 'strata lint' names statements that write it (rule history-write); without"
                        + " --single-transaction the run stops at the migration that does.";
    }

    /**
     * What a migration run in the open transaction leaves to record: its row with the installed_rank
     * it takes, and whether the row replaces one of an earlier run (a repeatable migration).
     */
    private record Ran(AppliedMigration row, long rank, boolean replaces) {}

    /** Writes the rows of migrations run in the open transaction, in their order. */
    private void writeRows(List<Ran> rows) throws SQLException {
        for (Ran ran : rows) {
            if (ran.replaces()) {
                history.delete(connection, ran.row().version());
            }
        }
        history.insertAll(
                connection,
                rows.stream().map(Ran::row).toList(),
                rows.stream().mapToLong(Ran::rank).toArray());
        for (Ran ran : rows) {
            mirror().recorded(connection, ran.row());
        }
    }

    /**
     * One transactional migration inside the write transaction already open: the history check, the
     * callbacks, the statements, the history-kept check and the history row.
     *
     * @param unchanged what {@link #guardedHistoryUnchanged} said at the start of this transaction
     * @param notRun    what a failed {@code -- strata:require} says of the database
     */
    private Optional<AppliedMigration> applyInOpenTransaction(
            Version version,
            String name,
            String checksum,
            ExecutableScript up,
            boolean unchanged,
            String notRun,
            String rolledBack)
            throws SQLException {
        HistoryState before = historyState(true);
        Optional<Ran> ran = runInOpenTransaction(version, name, checksum, up, unchanged, notRun, rolledBack);
        if (ran.isEmpty()) {
            return Optional.empty();
        }
        checkHistoryKept(before, up.source(), rolledBack);
        writeRows(List.of(ran.get()));
        return Optional.of(ran.get().row());
    }

    /**
     * Runs one transactional migration in the open transaction, without writing its row: the check
     * that no other session recorded it, its requirements, callbacks, statements and verifications.
     *
     * @return its row, to be written once the history is found kept; empty when another session had
     *     recorded it
     */
    private Optional<Ran> runInOpenTransaction(
            Version version,
            String name,
            String checksum,
            ExecutableScript up,
            boolean unchanged,
            String notRun,
            String rolledBack)
            throws SQLException {
        // A repeatable migration may have a row from its previous run. A versioned one was absent when the
        // run read the history, so only another session can have recorded it since.
        boolean look = version.repeatable() || checksHistoryInsideTransaction() && !unchanged;
        Optional<String> recorded = look ? history.checksum(connection, version) : Optional.empty();
        // Another process got here first: it recorded the version, or re-ran the repeatable migration.
        if (version.repeatable() ? recorded.filter(checksum::equals).isPresent() : recorded.isPresent()) {
            return Optional.empty();
        }
        long rank = rank(unchanged);
        long started = System.nanoTime();
        checkRequirements(up, notRun);
        // Callbacks share the migration's transaction and the history check: they commit with it or not
        // at all.
        each.before(version, name, script -> run(script, rolledBack));
        run(up, rolledBack);
        each.after(version, name, script -> run(script, rolledBack));
        AppliedMigration row =
                new AppliedMigration(version, name, checksum, Instant.now(), appliedBy(), millisSince(started), true);
        return Optional.of(new Ran(row, rank, recorded.isPresent()));
    }

    private Optional<AppliedMigration> applyStatementByStatement(
            Version version, String name, String checksum, ExecutableScript up) {
        try {
            // Reserve the version in a write transaction, so two sessions can't both start it, and so a crash
            // part-way leaves a visible 'failed' row instead of silence. A failed row of this very file whose
            // backfill was interrupted is taken over instead (see BackfillResume): -1 then says "taken by
            // another", else the index of the first statement to run.
            boolean[] fresh = {false};
            int start = inTransaction(() -> {
                boolean unchanged = guardedHistoryUnchanged();
                if (history.contains(connection, version)) {
                    Optional<Integer> resume = resumeAt(version, checksum, up);
                    return resume.orElse(-1);
                }
                history.insert(
                        connection,
                        new AppliedMigration(version, name, checksum, Instant.now(), appliedBy(), 0, false),
                        rank(unchanged));
                if (!up.backfills().isEmpty() && backfillTableExists()) {
                    // Progress of an earlier attempt that was repaired: this run starts afresh.
                    backfills().clear(connection, version);
                }
                fresh[0] = true;
                return 0;
            });
            if (start < 0) {
                return Optional.empty();
            }
            boolean resumed = !fresh[0];
            if (fresh[0]) {
                nextRank = nextRank + 1;
            }
            long started = System.nanoTime();
            HistoryState before = historyState(false);
            String outside = "it ran outside strata's transaction, so the statements before this one took effect"
                    + " (except those of a transaction the file opened itself and had not committed); it is recorded"
                    + " as failed. Clean up what it left, then run 'strata repair'.";
            running = version;
            // A resumed migration had run its before-each callbacks already, with its first statements.
            if (!resumed) {
                each.before(version, name, script -> runOutside(script, outside));
            }
            runOutside(up.startingAt(start), outside);
            each.after(version, name, script -> runOutside(script, outside));
            checkHistoryKept(
                    before,
                    up.source(),
                    "it ran outside strata's transaction, so its statements took effect and"
                            + " strata can't undo what they did to the history; its own row is left as failed. Restore the"
                            + " history from a backup, or correct it by hand, before running migrate.");
            Instant finished = Instant.now();
            long executionMs = millisSince(started);
            AppliedMigration row =
                    new AppliedMigration(version, name, checksum, finished, appliedBy(), executionMs, true);
            inTransaction(() -> {
                history.markSucceeded(connection, version, finished, executionMs);
                if (!up.backfills().isEmpty()) {
                    backfills().clear(connection, version);
                }
                mirror().recorded(connection, row);
                return null;
            });
            return Optional.of(row);
        } catch (SQLException e) {
            throw failure("could not apply " + up.source(), e);
        } finally {
            running = null;
        }
    }

    /**
     * Where the failed row of this file goes on from, read inside the reserving transaction: the row
     * must still be failed with this checksum, and the progress must say so (see {@link BackfillResume}).
     */
    private Optional<Integer> resumeAt(Version version, String checksum, ExecutableScript up) throws SQLException {
        if (up.backfills().isEmpty() || !backfillTableExists()) {
            return Optional.empty();
        }
        boolean failedHere = history.readAll(connection).stream()
                .anyMatch(row -> row.version().equals(version)
                        && !row.success()
                        && row.checksum().equals(checksum));
        return failedHere ? BackfillResume.startIndex(up, backfills().read(connection, version)) : Optional.empty();
    }

    @Override
    public Optional<String> resumable(AppliedMigration failed, ExecutableScript up) {
        if (failed.success() || up.transactional() || up.backfills().isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!backfillTableExists()) {
                return Optional.empty();
            }
            java.util.Map<Integer, BackfillRun.Saved> saved = backfills().read(connection, failed.version());
            return BackfillResume.startIndex(up, saved).map(start -> BackfillResume.describe(up, saved, start));
        } catch (SQLException e) {
            throw failure("could not read the backfill progress in " + backfillTableName(), e);
        }
    }

    private BackfillTable backfills() {
        return new BackfillTable(backfillTableName(), history.types());
    }

    /** Runs a backfill's batches to the end of its table; each commits on its own. */
    private void runBackfill(ExecutableScript script, Statement statement, dev.strata.sql.Backfill backfill) {
        String outcome = "the batches before this one are committed, with their progress in " + backfillTableName()
                + "; the migration is recorded as failed. Correct the cause (the rows, or the file only if this"
                + " statement never ran), then run 'strata migrate' again: it goes on after the last committed"
                + " batch, and no batch runs twice.";
        if (running == null) {
            throw new IllegalStateException("a backfill runs only as part of a migration");
        }
        String key;
        try {
            key = backfillKey(backfill);
        } catch (SQLException e) {
            throw new MigrationFailedException(script.source(), statement, databaseMessage(e), outcome);
        } catch (DatabaseException e) {
            throw new MigrationFailedException(script.source(), statement, e.getMessage(), outcome);
        }
        BackfillRun.run(
                script.source(),
                backfill,
                new JdbcBackfill(this, backfills(), running, script.source(), statement, backfill, key, outcome),
                waits);
    }

    @Override
    public boolean revert(AppliedMigration applied, ExecutableScript down) {
        try {
            if (down.transactional()) {
                return withForeignKeys(
                        down,
                        () -> inTransaction(() -> {
                            limitWaitsOf(down);
                            guardedHistoryUnchanged();
                            if (checksHistoryInsideTransaction() && !history.contains(connection, applied.version())) {
                                return false;
                            }
                            HistoryState before = historyState(true);
                            checkRequirements(
                                    down, "the down script did not run: " + applied.label() + " is still applied.");
                            run(down, "the down script was rolled back: " + applied.label() + " is still applied.");
                            checkHistoryKept(
                                    before,
                                    down.source(),
                                    "the down script was rolled back: " + applied.label() + " is still applied.");
                            history.delete(connection, applied.version());
                            mirror().removed(connection, applied);
                            return true;
                        }));
            }
            // Mark the row failed before the first statement, as apply reserves its row: a process killed
            // part-way then leaves a 'failed' row instead of one claiming the migration is still whole, and
            // two sessions can't both start the same down script.
            boolean claimed = inTransaction(() -> {
                guardedHistoryUnchanged();
                return history.markFailed(connection, applied.version());
            });
            if (!claimed) {
                return false;
            }
            HistoryState before = historyState(false);
            runOutside(
                    down,
                    "it ran outside a transaction, so the statements before this one took effect; " + applied.label()
                            + " is now recorded as failed. Clean up, then run 'strata repair'.");
            checkHistoryKept(
                    before,
                    down.source(),
                    "it ran outside a transaction, so its statements took effect and strata"
                            + " can't undo what they did to the history; " + applied.label()
                            + " is left recorded as failed."
                            + " Restore the history from a backup, or correct it by hand.");
            inTransaction(() -> {
                history.delete(connection, applied.version());
                mirror().removed(connection, applied);
                return null;
            });
            return true;
        } catch (SQLException e) {
            throw failure("could not revert " + applied.label(), e);
        } finally {
            watching = null;
        }
    }

    @Override
    public List<AppliedMigration> record(List<RecordedMigration> migrations, String how) {
        try {
            return inTransaction(() -> {
                List<AppliedMigration> written = new java.util.ArrayList<>(migrations.size());
                Instant now = Instant.now();
                for (RecordedMigration m : migrations) {
                    if (history.contains(connection, m.version())) {
                        continue;
                    }
                    AppliedMigration row = new AppliedMigration(
                            m.version(),
                            m.name(),
                            m.checksum(),
                            m.appliedAt().orElse(now),
                            appliedBy() + " (" + how + ")",
                            m.executionMs(),
                            true);
                    history.insert(connection, row);
                    mirror().recorded(connection, row);
                    written.add(row);
                }
                nextRank = null; // ranks taken here without counting: ask again before the next migration
                return written;
            });
        } catch (SQLException e) {
            throw failure("could not record migrations (" + how + ")", e);
        }
    }

    @Override
    public List<dev.strata.adopt.ForeignHistory> foreignHistories() {
        try {
            return new ForeignHistoryReader(connection, catalog()).readAll();
        } catch (SQLException e) {
            throw failure("could not read another tool's history table", e);
        }
    }

    @Override
    public void runInOneTransaction(List<ExecutableScript> scripts) {
        try {
            inTransaction(() -> {
                for (ExecutableScript script : scripts) {
                    checkRequirements(script, "nothing of this run was kept.");
                    run(script, "everything this run loaded was rolled back: nothing of it was kept.");
                }
                return null;
            });
        } catch (SQLException e) {
            throw failure(
                    "could not load "
                            + scripts.stream().map(ExecutableScript::source).toList(),
                    e);
        }
    }

    @Override
    public void insertSampleRows(Table table, long firstRow, int rows) {
        List<Column> columns =
                table.columns().stream().filter(SampleValues::supplied).toList();
        String sql = "INSERT INTO " + qualifiedTable(table) + " ("
                + String.join(
                        ", ",
                        columns.stream()
                                .map(column -> Identifiers.quote(column.name()))
                                .toList())
                + ") VALUES ("
                + String.join(", ", columns.stream().map(this::sampleParameter).toList()) + ")";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (long start = firstRow; start < firstRow + rows; start += SAMPLE_BATCH) {
                long from = start;
                long to = Math.min(firstRow + rows, start + SAMPLE_BATCH);
                inTransaction(() -> {
                    for (long n = from; n < to; n++) {
                        for (int i = 0; i < columns.size(); i++) {
                            bindSample(insert, i + 1, columns.get(i), n);
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    return null;
                });
            }
        } catch (SQLException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw failure(
                    "could not insert generated rows into " + table.name().name()
                            + " (a CHECK constraint or a type the made-up values do not fit?)",
                    cause);
        }
    }

    @Override
    public List<List<String>> rowsAsLiterals(Table table, List<String> columns) {
        if (columns.isEmpty()) {
            return List.of();
        }
        List<String> order = new ArrayList<>();
        if (table.primaryKey() != null) {
            table.primaryKey().columns().forEach(column -> order.add(Identifiers.quote(column)));
        }
        for (int i = 1; i <= columns.size(); i++) {
            order.add(Integer.toString(i));
        }
        String sql = "SELECT "
                + String.join(
                        ", ",
                        columns.stream()
                                .map(name -> literalOf(
                                        table.columns().stream()
                                                .filter(column -> column.name().equals(name))
                                                .findFirst()
                                                .orElseThrow(),
                                        Identifiers.quote(name)))
                                .toList())
                + " FROM " + qualifiedTable(table) + " ORDER BY " + String.join(", ", order);
        List<List<String>> rows = new ArrayList<>();
        try (java.sql.Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                List<String> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(result.getString(i));
                }
                rows.add(List.copyOf(row));
            }
        } catch (SQLException e) {
            throw failure("could not read the rows of " + table.name().name(), e);
        }
        return List.copyOf(rows);
    }

    /**
     * The SQL expression that gives the value of {@code column} as a literal of this engine, NULL as
     * {@code NULL}.
     *
     * @param quoted the column's name, quoted
     */
    protected String literalOf(Column column, String quoted) {
        throw new UnsupportedOperationException(description() + " writes no literals");
    }

    /** The table's name for SQL; both engines accept {@code "schema"."name"}. */
    protected String qualifiedTable(Table table) {
        return Identifiers.quote(table.name().schema()) + "."
                + Identifiers.quote(table.name().name());
    }

    /** The placeholder of a generated value in the INSERT, e.g. {@code CAST(? AS type)} where the engine needs it. */
    protected String sampleParameter(Column column) {
        return "?";
    }

    /** Binds row {@code n}'s value of {@code column}. */
    protected void bindSample(PreparedStatement insert, int index, Column column, long n) throws SQLException {
        insert.setObject(index, SampleValues.value(column, n));
    }

    @Override
    public List<String> leftovers() {
        return List.of();
    }

    @Override
    public void deleteFailedRecord(Version version) {
        try {
            history.delete(connection, version);
        } catch (SQLException e) {
            throw failure("could not delete the history row of version " + version, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort: the session and its locks end with the connection either way.
        }
    }

    // ---- helpers for dialects ----------------------------------------------------------------

    /** A DatabaseException that says what strata was doing and what the database answered. */
    protected DatabaseException failure(String doing, SQLException e) {
        return new DatabaseException(doing + " on " + description + ": " + databaseMessage(e), e);
    }

    protected void rollbackQuietly() {
        try {
            rollback();
        } catch (SQLException ignored) {
            // The original failure is what the user needs to see; a failed rollback ends with the session.
        }
    }

    /** Work done inside one write transaction. */
    @FunctionalInterface
    protected interface TransactionWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in a write transaction: committed when it returns (a transaction that only
     * read commits as harmlessly as it would roll back), rolled back when it throws.
     */
    protected <T> T inTransaction(TransactionWork<T> work) throws SQLException {
        begin();
        limitsSet = null;
        try {
            T result = work.run();
            commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /**
     * Runs {@code work} with foreign keys unenforced when the script asks for it, and restores them
     * after. When they were enforced before, every key is checked before the commit (step 10 of
     * SQLite's procedure), since nothing else checks what the script did meanwhile.
     */
    private <T> T withForeignKeys(ExecutableScript script, TransactionWork<T> work) throws SQLException {
        Optional<ForeignKeyRestore> restore = script.foreignKeysOff() ? suspendForeignKeys() : Optional.empty();
        checkForeignKeysBeforeCommit = restore.isPresent();
        try {
            return work.run();
        } finally {
            checkForeignKeysBeforeCommit = false;
            if (restore.isPresent()) {
                restore.get().restore();
            }
        }
    }

    /** The statements, then the script's verifications (and the foreign-key check it asked for), in order. */
    /**
     * Runs a script outside strata's transaction. When a statement fails inside a transaction the file
     * opened itself, that transaction is rolled back, so the session is clean for the history row that
     * records the failure and for releasing the lock.
     */
    private void runOutside(ExecutableScript script, String outcome) {
        try {
            run(script, outcome);
        } catch (MigrationFailedException e) {
            boolean ownTransactions = script.statements().stream()
                    .anyMatch(statement -> statement.kind() == dev.strata.sql.StatementKind.TRANSACTION_BEGIN);
            if (ownTransactions) {
                try (java.sql.Statement jdbc = connection.createStatement()) {
                    jdbc.execute("ROLLBACK");
                } catch (SQLException none) {
                    // No transaction was open at the failing statement: nothing to roll back.
                }
            }
            throw e;
        }
    }

    private void run(ExecutableScript script, String outcome) {
        for (Statement statement : script.statements()) {
            Optional<dev.strata.sql.Backfill> backfill = script.backfillOf(statement);
            if (backfill.isPresent()) {
                runBackfill(script, statement, backfill.get());
                continue;
            }
            BlockerWatch watch = watching == null ? BlockerWatch.NONE : watchBlockers(watching);
            try (watch;
                    java.sql.Statement jdbc = connection.createStatement()) {
                Optional<String> differently = readsDifferently();
                if (differently.isPresent()) {
                    throw new MigrationFailedException(script.source(), statement, differently.get(), outcome);
                }
                jdbc.execute(statement.sql());
            } catch (SQLException e) {
                if (lockTimedOut(e)) {
                    throw new LockTimeoutException(
                            script.source(), statement, databaseMessage(e, statement.sql()), outcome, watch.blockers());
                }
                throw new MigrationFailedException(
                        script.source(), statement, databaseMessage(e, statement.sql()), outcome);
            }
        }
        if (limitsSet != null && mayChangeLimits(script)) {
            limitsSet = null; // set them again before the next migration of the same transaction
        }
        for (ExecutableScript.Verification check : script.verifications()) {
            Statement query = new Statement(check.sql(), check.line(), 1, dev.strata.sql.StatementKind.ORDINARY);
            try {
                Verifications.Outcome result = Verifications.run(connection, check.sql());
                if (!result.passed()) {
                    throw new VerificationFailedException(
                            script.source(), check.line(), check.sql(), result.rows(), result.rowCount(), outcome);
                }
            } catch (SQLException e) {
                throw new MigrationFailedException(script.source(), query, databaseMessage(e), outcome);
            }
        }
        if (checkForeignKeysBeforeCommit) {
            checkForeignKeys(script, outcome);
        }
    }

    private void checkForeignKeys(ExecutableScript script, String outcome) {
        long[] count = new long[1];
        List<String> violations;
        try {
            violations = foreignKeyViolations(VerificationFailedException.ROWS_SHOWN, count);
        } catch (SQLException e) {
            throw failure("could not check the foreign keys after " + script.source(), e);
        }
        if (!violations.isEmpty()) {
            throw new VerificationFailedException(
                    script.source(),
                    1,
                    "the foreign-key check that '-- strata:"
                            + "foreign-keys off' runs before commit (rows whose key points at no parent row)",
                    violations,
                    count[0],
                    outcome);
        }
    }

    /**
     * What the history held before a script's statements ran: a dialect's cheap mark of every write
     * to it when it has one ({@link #historyWriteMark}), else every row and the format, as text.
     */
    private record HistoryState(
            Optional<String> mark, java.util.SortedMap<String, String> rows, boolean inTransaction) {}

    private HistoryState historyState(boolean inTransaction) throws SQLException {
        Optional<String> mark = historyWriteMark(inTransaction);
        return new HistoryState(mark, mark.isPresent() ? null : history.snapshot(connection), inTransaction);
    }

    /**
     * A value that changes whenever anything writes the history tables (rows or shape), read without
     * scanning the history, so that the check before each commit costs the same for the first
     * migration and the five-thousandth. Empty when the dialect has none for this situation; the
     * whole history is then compared row by row.
     *
     * @param inTransaction the statements that follow run in this session's open write transaction
     */
    protected Optional<String> historyWriteMark(boolean inTransaction) throws SQLException {
        return Optional.empty();
    }

    /**
     * The history is strata's own: a script's statements must leave every row and the format as they
     * were (strata writes its own row only after them). Checked before the commit, so that for a
     * migration in a transaction the whole migration rolls back; a no-transaction script has already
     * taken effect, so its row is left failed and the run stops.
     */
    private void checkHistoryKept(HistoryState before, String source, String outcome) {
        java.util.SortedMap<String, String> after;
        try {
            if (before.mark().isPresent()) {
                Optional<String> mark = historyWriteMark(before.inTransaction());
                if (mark.equals(before.mark())) {
                    return;
                }
                throw new HistoryTamperedException(
                        source,
                        "wrote strata's history table " + history.name()
                                + " or its format table " + history.metaName()
                                + " (rows inserted, updated or deleted, or"
                                + " the table changed or dropped)",
                        outcome);
            }
            after = history.snapshot(connection);
        } catch (SQLException e) {
            throw new HistoryTamperedException(
                    source,
                    "left the history table " + history.name() + " or its" + " format table " + history.metaName()
                            + " unreadable (" + databaseMessage(e) + ")",
                    outcome);
        }
        if (after.equals(before.rows())) {
            return;
        }
        List<String> changes = new java.util.ArrayList<>();
        java.util.SortedSet<String> keys = new java.util.TreeSet<>(before.rows().keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            String was = before.rows().get(key);
            String now = after.get(key);
            if (!java.util.Objects.equals(was, now)) {
                changes.add(
                        was == null
                                ? key + " added"
                                : now == null
                                        ? key + " deleted"
                                        : key + " changed from '" + was.strip() + "' to '" + now.strip() + "'");
            }
            if (changes.size() == 3) {
                break;
            }
        }
        throw new HistoryTamperedException(
                source,
                "changed strata's history table " + history.name() + " (" + String.join("; ", changes) + ")",
                outcome);
    }

    /**
     * Strata creates the history and its format table together and never drops either, so a format
     * table alone means the history was dropped. Taking the database for a new one would run every
     * migration again from the first. Called after the history was found missing: another run may
     * have created both tables since, so the history is looked for again once the format table is
     * seen (both come in one transaction, so a format table seen before a history that is still
     * missing means the history was lost).
     *
     * @return true when the history exists after all (another run created it meanwhile); false when
     *     neither table exists
     */
    private boolean createdMeanwhileElseRefuseLost() throws SQLException {
        if (!metaExists()) {
            return false;
        }
        if (historyExists()) {
            return true;
        }
        throw new DatabaseException("the history table " + history.name() + " of " + description + " is gone,"
                + " but its format table " + history.metaName() + " is still there: the history was lost"
                + " (dropped by hand or by a migration), so strata can't tell which migrations ran and won't run"
                + " them all again. Restore the database or its history table from a backup; or, if you know"
                + " which version the schema is at, drop " + history.metaName() + " and run 'strata baseline"
                + " --version V'.");
    }

    private void checkFormat() {
        int format;
        try {
            format = history.formatVersion(connection);
        } catch (SQLException e) {
            // The history table is there but its format table is not (or can't be read): a table of the same
            // name made by someone else, or a format table dropped by hand. Guessing would risk misreading it.
            throw new DatabaseException(
                    "the history table " + history.name() + " of " + description + " has no"
                            + " readable format table " + history.metaName() + " beside it (" + databaseMessage(e)
                            + "). If"
                            + " another tool owns " + history.name()
                            + ", give strata its own table ([migrations] table in"
                            + " strata.toml); if strata made it, restore " + history.metaName() + " with one row,"
                            + " format_version = " + HistoryTable.FORMAT_VERSION + ".",
                    e);
        }
        if (format < 1) {
            throw new DatabaseException("the format table " + history.metaName() + " of " + description + " holds "
                    + (format == 0 ? "no format version (empty or NULL)" : "several different format versions")
                    + "; strata writes exactly one row. Was it edited by hand? Leave one row, format_version = "
                    + HistoryTable.FORMAT_VERSION + ".");
        }
        if (format > HistoryTable.FORMAT_VERSION) {
            throw new DatabaseException("the history table " + history.name() + " of " + description
                    + " was written by a newer strata (history format " + format + "); this strata reads format "
                    + HistoryTable.FORMAT_VERSION + ". Upgrade strata.");
        }
    }

    /**
     * {@link #historyUnchangedByOthers}, and when another session may have written the history, the
     * history as this transaction sees it handed to the guard, which may refuse. Called first in
     * each write transaction that records or reverts a migration.
     */
    private boolean guardedHistoryUnchanged() throws SQLException {
        boolean unchanged = historyUnchangedByOthers();
        if (!unchanged && guard != HistoryGuard.NONE) {
            guard.check(history.readAll(connection));
        }
        return unchanged;
    }

    /**
     * The installed_rank for the row about to be written: counted on from this session's last row
     * while nobody else wrote, so that a run of thousands of migrations does not read the whole
     * history for each. Stays unchanged until the caller's transaction commits.
     */
    private long rank(boolean historyUnchanged) throws SQLException {
        if (nextRank == null || !historyUnchanged) {
            nextRank = history.nextRank(connection);
        }
        return nextRank;
    }

    private String appliedBy() throws SQLException {
        if (appliedBy == null) {
            appliedBy = currentUser();
        }
        return appliedBy;
    }

    /** Rows per transaction of {@link #insertSampleRows}: enough that commits do not dominate. */
    private static final int SAMPLE_BATCH = 500;

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
