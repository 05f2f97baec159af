package dev.strata.dialect;

import dev.strata.backup.BackupTool;
import dev.strata.config.DatabaseUrl;
import dev.strata.sql.SqlSplitter;

/**
 * What strata needs from a database engine. The engine orders, checks and runs migrations through
 * this interface and never names an engine itself.
 *
 * <p>How to add a dialect:
 * <ol>
 *   <li>Write a {@link SqlSplitter} that knows the engine's quoting, comments and block bodies, and
 *       classifies the statements that can't run in a transaction.</li>
 *   <li>Extend {@link JdbcDatabase}: say how a write transaction starts and how the migration lock is
 *       taken (a lock that dies with the session, never a row), and give the history table's column
 *       types through a {@link HistoryTable}.</li>
 *   <li>Register the dialect in {@link Dialects}.</li>
 *   <li>Extend the conformance suite ({@code DialectConformanceTest}) with a live database of the
 *       engine. The dialect is done when it passes.</li>
 * </ol>
 *
 * <p>Implementations are stateless and thread-safe; the {@link Database} they open is not.
 */
public interface Dialect {

    /** Short lower-case name for messages and JSON: {@code sqlite}, {@code postgres}. */
    String name();

    /** Splits this engine's SQL into statements. */
    SqlSplitter splitter();

    /**
     * Connects to the database.
     *
     * @param access {@link Access#READ} promises that nothing will be written, so a SQLite file that
     *               does not exist yet is not created
     * @throws DatabaseException when the database can't be reached, with what to check
     */
    Database open(DatabaseUrl url, HistorySettings history, Access access, WaitListener waits);

    /** CREATE and DROP INDEX as a live database should get them, for {@code strata advise}. */
    IndexDdl indexDdl();

    /**
     * What this engine can't do of what a prepared script asks (a directive meant for another
     * engine), each a sentence naming the file; empty when it can run the script as asked. Checked
     * when the run is planned, before anything changes.
     */
    default java.util.List<String> unsupported(ExecutableScript script) {
        return java.util.List.of();
    }

    /** Writes the migrations of {@code strata alter} in this engine's SQL. */
    dev.strata.refactor.AlterWriter alterWriter();

    /** Writes schemas back as this engine's SQL. */
    SchemaWriter schemaWriter();

    /**
     * Creates an empty database of this engine next to {@code server} (SQLite: in memory; PostgreSQL:
     * a database with a random name on the same server), for the shadow database.
     *
     * @throws DatabaseException when it can't be created, naming the privilege or setting missing
     */
    ThrowawayDatabase createThrowaway(DatabaseUrl server);

    /**
     * What decides the throwaway database made next to {@code url}: two URLs with equal answers get
     * throwaways of the same kind on the same server, so that migrations replayed on one leave what
     * they leave on the other. The URL itself unless the dialect knows that less decides.
     */
    default DatabaseUrl throwawayServer(DatabaseUrl url) {
        return url;
    }

    /**
     * A throwaway copy of the live database at {@code url}, for {@code strata rehearse}: the same
     * schema, rows and history, on which pending migrations may run without touching the original.
     * By default it is made of the engine's own parts: an empty throwaway database, a backup of the
     * live one, and a restore of that backup into the throwaway.
     *
     * @param environment the process environment, for the tools a backup runs
     * @throws DatabaseException or {@link dev.strata.backup.BackupException} naming what failed; the
     *                           live database is only read
     */
    default ThrowawayDatabase copyOf(DatabaseUrl url, java.util.Map<String, String> environment) {
        ThrowawayDatabase copy = createThrowaway(url);
        java.nio.file.Path file = null;
        try {
            file = java.nio.file.Files.createTempFile(
                    "strata-rehearsal-", "." + backupTool().extension());
            backupTool().backup(url, file, environment);
            backupTool().restore(copy.url(), file, environment, true);
            return copy;
        } catch (java.io.IOException e) {
            copy.close();
            throw new DatabaseException("could not make a temporary file for the copy: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** Copies this engine's databases to a backup file and back. */
    BackupTool backupTool();

    /** The same, telling {@code waits} when another process's lock makes it wait (where the engine can). */
    default BackupTool backupTool(WaitListener waits) {
        return backupTool();
    }

    /**
     * The sentences added to this engine's error messages for the failures people meet (missing
     * extension or privilege, login, full disk, locks); see {@link ErrorHints}.
     */
    default ErrorHints errorHints() {
        return ErrorHints.NONE;
    }

    /** Whether the session may change the database. */
    enum Access {
        READ,
        WRITE
    }
}
