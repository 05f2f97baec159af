package dev.strata.dialect;

import dev.strata.history.AppliedMigration;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.source.Version;
import java.util.List;
import java.util.Optional;

/**
 * A live session on one database: the storage contract the engine runs migrations through.
 *
 * <p>Not thread-safe: one session per thread. {@link #close()} ends the session and so frees any
 * lock it holds.
 */
public interface Database extends AutoCloseable {

    /** The database as named to people, password hidden, e.g. {@code SQLite file strata.db}. */
    String description();

    /** Creates the history table when it is missing, and upgrades an older format in place. */
    void ensureHistory();

    /** Every history row, ordered by version; empty when there is no history table yet. */
    List<AppliedMigration> appliedMigrations();

    /**
     * Takes the migration lock, waiting (and saying so through the session's {@link WaitListener})
     * while another process holds it. The lock dies with the session if the process is killed.
     */
    MigrationLock lock();

    /**
     * Sets what {@link #apply} and {@link #revert} check inside their write transaction when another
     * session may have written the history since this one last read it (see {@link HistoryGuard}).
     */
    void guardHistory(HistoryGuard guard);

    /**
     * Sets what {@link #apply} runs around each migration's statements (callbacks): inside the
     * migration's transaction when it has one, so a failure there rolls the migration back.
     *
     * @throws dev.strata.engine.MigrationRefusedException when the engine can't run them so
     */
    void aroundEach(EachMigration each);

    /**
     * Sets how long each statement of a migration or down script in strata's transaction may wait for
     * a lock and run ({@code lock_timeout}, {@code statement_timeout}); a script's own {@code --
     * strata:lock-timeout} replaces the lock timeout for it. A statement that gives up waiting throws
     * {@link LockTimeoutException}, naming the sessions it waited for where the engine can tell. Scripts
     * outside strata's transaction run with the server's own settings. Engines without such limits
     * (SQLite waits as its {@code busy_timeout} says) ignore this.
     */
    default void limitWaits(dev.strata.config.LockSettings limits) {}

    /**
     * Runs a migration and records it. A transactional migration and its history row commit
     * together or not at all. A no-transaction migration is first recorded as failed, then run
     * statement by statement, then marked successful; when it is recorded as failed already and
     * {@link #resumable}, it goes on where it stopped. A {@code -- strata:backfill} UPDATE runs in
     * key-range batches, each committed with its progress, and the row is marked successful only
     * after the last.
     *
     * @return the history row written, or empty when another process recorded this version first
     * @throws MigrationFailedException when a statement fails; a transactional migration is then
     *                                  wholly rolled back
     * @throws LockTimeoutException     when a statement gave up waiting for another session's lock
     * @throws PreconditionFailedException when a {@code -- strata:require} does not hold; nothing ran
     */
    Optional<AppliedMigration> apply(Version version, String name, String checksum, ExecutableScript up);

    /**
     * Whether a migration recorded as failed can go on where it stopped instead of being refused: a
     * no-transaction migration whose {@code -- strata:backfill} was interrupted (killed, or a batch
     * failed), with the file unchanged. {@link #apply} then goes on from there (see {@link
     * BackfillResume}).
     *
     * @param failed its history row
     * @return what resuming does, for people; empty when it can't be resumed
     */
    default Optional<String> resumable(AppliedMigration failed, ExecutableScript up) {
        return Optional.empty();
    }

    /**
     * Why a {@code -- strata:backfill} can't walk its table as the table is now (PostgreSQL: no
     * single-column integer primary key), for the planner to refuse before anything changes; empty
     * when it can, or when the table does not exist yet (an earlier statement may create it, and the
     * backfill then checks again when it starts). Reads only.
     */
    default Optional<String> backfillRefusal(dev.strata.sql.Backfill backfill) {
        return Optional.empty();
    }

    /**
     * Why this database can't apply a whole run in one transaction ({@link #applyAll}), as a sentence
     * for people; empty when it can.
     */
    default Optional<String> singleTransactionRefusal() {
        return Optional.of(description() + " can't apply several migrations in one transaction");
    }

    /**
     * Runs every migration and writes every history row in one transaction: all of them commit, or
     * none (for {@code migrate --single-transaction}). Each script must be transactional and leave
     * foreign keys as they are; the callbacks set with {@link #aroundEach} run around each one inside
     * that transaction, and the history is checked in it as {@link #apply} checks it.
     *
     * @param starting told of each migration just before its statements run
     * @return per migration, in order, the history row written, or empty when another process
     *         recorded that version first; nothing is committed until the last one has run
     * @throws MigrationFailedException when a statement fails; then none of them was applied
     * @throws UnsupportedOperationException when {@link #singleTransactionRefusal} says why not
     */
    default List<Optional<AppliedMigration>> applyAll(
            List<MigrationScript> migrations, java.util.function.Consumer<MigrationScript> starting) {
        throw new UnsupportedOperationException(singleTransactionRefusal().orElse("no single transaction"));
    }

    /**
     * Runs a down script and deletes the migration's history row, in one transaction when it can. A
     * no-transaction down script is handled like a no-transaction migration: its row is first marked
     * failed, then the statements run, then the row is deleted, so a crash part-way stays visible.
     *
     * @return false when another process reverted it first (nothing was run)
     */
    boolean revert(AppliedMigration applied, ExecutableScript down);

    /**
     * What a migration that failed outside a transaction may have left behind, e.g. an INVALID index
     * from CREATE INDEX CONCURRENTLY. Each entry is a short description for people.
     */
    List<String> leftovers();

    /**
     * The database's structure as its catalog reports it, in canonical order, strata's history
     * tables left out. Reads only.
     */
    Schema schema();

    /**
     * Writes history rows for migrations that are in the schema already, without running anything,
     * all in one transaction. Versions recorded meanwhile by another process are left as they are.
     *
     * @param how  why they are recorded without running, kept beside the database user in
     *             {@code applied_by}: {@code baseline}, {@code adopted from Flyway}
     * @return the rows written
     */
    List<AppliedMigration> record(List<RecordedMigration> migrations, String how);

    /**
     * The histories other migration tools keep in this database (Flyway's flyway_schema_history,
     * wrangler's d1_migrations, ...), each with at least one row. Reads only.
     */
    List<dev.strata.adopt.ForeignHistory> foreignHistories();

    /**
     * What the engine's own checks find wrong with the database, each a sentence for people naming
     * the object and what to do (SQLite: integrity_check and foreign_key_check; PostgreSQL: INVALID
     * indexes and NOT VALID constraints). Empty when healthy. Reads only.
     */
    List<String> healthProblems();

    /**
     * What {@link #dropEverything} would drop that {@link #schema} does not show, each a short
     * description for people: on PostgreSQL every user schema other than the current one (dropped
     * with all it holds, of whatever kind). A shadow database holding any of these is not empty.
     */
    default List<String> droppedBeyondTheSchema() {
        return List.of();
    }

    /**
     * Drops every object in the database, strata's history included, leaving it empty. Only for a
     * shadow database that strata found empty and filled itself.
     */
    void dropEverything();

    /**
     * What {@code strata reset} drops, each for people ({@code table users}), in the order it drops
     * them; strata's own history is among them. Reads only.
     *
     * @param everything  every object of the database; otherwise the objects of the schema strata
     *                    migrates (SQLite: the main database; PostgreSQL: the current schema and the
     *                    history's schema), without extensions
     * @param keep        tables to leave alone, by name (other tools' histories)
     * @throws UnsupportedOperationException when the engine can't be reset here
     */
    default List<String> resetObjects(boolean everything, java.util.Set<String> keep) {
        throw new UnsupportedOperationException(description() + " can't be reset by strata");
    }

    /**
     * Drops what {@link #resetObjects} lists, in one transaction: when a drop fails nothing is dropped.
     *
     * @return what was dropped, for people
     */
    default List<String> reset(boolean everything, java.util.Set<String> keep) {
        throw new UnsupportedOperationException(description() + " can't be reset by strata");
    }

    /**
     * Runs {@code scripts} one after the other in a single write transaction, writing no history:
     * for seed data. When a statement fails, all of them are rolled back.
     *
     * @throws MigrationFailedException naming the file, line and statement that failed
     */
    void runInOneTransaction(List<ExecutableScript> scripts);

    /**
     * How often each index was used since the engine's statistics were reset; empty when the engine
     * keeps no such statistics (SQLite).
     */
    default Optional<IndexUsage> indexUsage() {
        return Optional.empty();
    }

    /**
     * Inserts {@code rows} generated rows (numbered from {@code firstRow}, see {@link SampleValues})
     * into {@code table}, a few hundred per transaction, for {@code strata bench-insert}.
     *
     * @throws DatabaseException when the engine refuses a row (a CHECK the made-up values fail)
     */
    void insertSampleRows(Table table, long firstRow, int rows);

    /**
     * Every row of {@code table}, each value written as a SQL literal of this engine that gives the
     * same value back in an INSERT ({@code NULL}, {@code 42}, {@code 'text'}, {@code X'00ff'}), in the
     * order of {@code columns}. Rows come sorted by the primary key, then by the literals, so the
     * same data always reads the same. For {@code strata squash}, which writes them as INSERTs.
     */
    default List<List<String>> rowsAsLiterals(Table table, List<String> columns) {
        throw new DatabaseException(
                description() + " can't list its rows as SQL; squash works on SQLite and" + " PostgreSQL.");
    }

    /**
     * The statements that set this database's counters (PostgreSQL sequences, SQLite's AUTOINCREMENT
     * table) to where they stand now, in a stable order; empty when none has moved. Written after the
     * rows of a squash baseline, so that the next generated key is the one the old migrations left.
     */
    default List<String> counterPositions() {
        return List.of();
    }

    /** Plans queries on this session without running them, for {@code strata explain}. */
    QueryPlanner queryPlanner();

    /** Deletes the history row of a failed migration (after the user cleaned up by hand). */
    void deleteFailedRecord(Version version);

    /**
     * The locks other sessions hold on this database right now, each as people read it
     * ({@code AccessExclusiveLock on public.users}), for {@code strata rehearse} to sample while a
     * migration runs. Empty where the engine does not tell (SQLite locks the whole file).
     */
    default List<String> locksHeldByOthers() {
        return List.of();
    }

    /**
     * The schemas of the database that hold user objects (not the engine's own), sorted by name: the
     * candidates a fleet's {@code schema = "tenant_*"} is matched against. Empty where the engine
     * has no schemas (SQLite, D1).
     */
    default List<String> userSchemas() {
        return List.of();
    }

    /**
     * What the database costs, for {@code strata inspect}: table and index sizes, row estimates, index
     * use and, where the engine has them, connections and dead rows. Reads only.
     *
     * @throws DatabaseException where the engine can't tell (remote D1)
     */
    default dev.strata.costs.CostReport costs() {
        throw new DatabaseException("inspect does not run on " + description() + " yet: its engine gives no sizes"
                + " or statistics through strata. Use the engine's own console instead.");
    }

    @Override
    void close();
}
