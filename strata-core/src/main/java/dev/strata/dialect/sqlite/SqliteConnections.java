package dev.strata.dialect.sqlite;

import dev.strata.dialect.WaitListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens every connection strata makes to a SQLite database, so that every command meets another
 * program's lock and a dead writer's journal the same way.
 *
 * <ul>
 *   <li>A file is opened read-write, even by a command that only reads. A writer killed in the middle
 *       of a transaction leaves a hot journal, and only a connection that may write can roll it back
 *       (a read-only one fails with SQLITE_READONLY_ROLLBACK, "attempt to write a readonly database").
 *       Reading sessions are kept from writing by {@code PRAGMA query_only} instead, and are never
 *       allowed to create the file. A file this user can't write is still opened: SQLite falls back
 *       to read-only by itself.</li>
 *   <li>A busy handler waits for another connection's lock, says once per wait what it waits for,
 *       and gives up after the maximum wait: {@code busy_timeout} (milliseconds) from the URL, SQLite's
 *       own name for it, else {@link #DEFAULT_WAIT}.</li>
 * </ul>
 */
final class SqliteConnections {

    static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);
    /** A wait shorter than this goes unmentioned, so a busy application doesn't make strata chatty. */
    private static final Duration QUIET_WAIT = Duration.ofMillis(500);

    private static final Pattern BUSY_TIMEOUT = Pattern.compile("[?&]busy_timeout=(\\d{1,9})(?:&|$)");

    /** How a connection may touch the database. */
    enum Mode {
        /** Reads only; never creates the file. */
        READ,
        /** Reads and writes; creates the file when it is missing. */
        WRITE
    }

    private SqliteConnections() {}

    /**
     * @param jdbcUrl     what to open
     * @param maximumWait how long to wait for another connection's lock; see {@link #maximumWait}
     * @param config      further settings of the caller's (a locking mode), or a new config
     * @param description the database as named in messages
     */
    static Connection open(
            String jdbcUrl,
            Mode mode,
            Duration maximumWait,
            SQLiteConfig config,
            String description,
            WaitListener waits)
            throws SQLException {
        if (mode == Mode.READ && !inMemory(jdbcUrl)) {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        // Until the handler below is in place, SQLite's own timeout covers what the driver runs on opening.
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, maximumWait.toMillis()));
        Connection connection = config.createConnection(jdbcUrl);
        try {
            BusyHandler.setHandler(connection, new LockWait(description, waits, maximumWait));
            if (mode == Mode.READ) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA query_only = 1");
                }
            }
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private static boolean inMemory(String jdbcUrl) {
        return jdbcUrl.contains(":memory:") || jdbcUrl.contains("vfs=memdb");
    }

    /** {@code busy_timeout=MILLISECONDS} in the URL's parameters, else {@link #DEFAULT_WAIT}. */
    static Duration maximumWait(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return DEFAULT_WAIT;
        }
        Matcher matcher = BUSY_TIMEOUT.matcher(jdbcUrl.substring(query));
        return matcher.find() ? Duration.ofMillis(Long.parseLong(matcher.group(1))) : DEFAULT_WAIT;
    }

    /** Whether {@code e} says another connection's lock outlasted the wait. */
    static boolean busy(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        String message = String.valueOf(e.getMessage());
        return code == SQLiteErrorCode.SQLITE_BUSY.code
                || code == SQLiteErrorCode.SQLITE_LOCKED.code
                || message.contains("SQLITE_BUSY")
                || message.contains("database is locked");
    }

    /** What to say when another connection's lock outlasted the wait; every command says the same. */
    static String gaveUp(Duration maximumWait) {
        return "another process kept it locked for longer than strata waits (" + spoken(maximumWait)
                + "); nothing was changed by this step. Run it again when that process is done, or set how long"
                + " strata waits with busy_timeout=MILLISECONDS in the database URL";
    }

    static String spoken(Duration wait) {
        long ms = wait.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + (ms == 60_000 ? " minute" : " minutes");
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + (ms == 1000 ? " second" : " seconds");
        }
        return ms + " ms";
    }

    /** Waits for another connection's lock, up to a limit, and says so once per wait. */
    private static final class LockWait extends BusyHandler {

        private final String description;
        private final WaitListener waits;
        private final long limitNanos;
        private long started;
        private boolean announced;

        LockWait(String description, WaitListener waits, Duration limit) {
            this.description = description;
            this.waits = waits;
            this.limitNanos = limit.toNanos();
        }

        @Override
        protected int callback(int previousInvocations) {
            long now = System.nanoTime();
            if (previousInvocations == 0) {
                started = now;
                announced = false;
            }
            long waited = now - started;
            if (waited >= limitNanos) {
                return 0;
            }
            if (!announced && waited >= QUIET_WAIT.toNanos()) {
                announced = true;
                waits.waiting("another process is writing to " + description + "; waiting for its lock (up to "
                        + spoken(Duration.ofNanos(limitNanos)) + ", set by busy_timeout in the URL)");
            }
            try {
                Thread.sleep(Math.max(1, Math.min(10, (limitNanos - waited) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            return 1;
        }
    }
}
