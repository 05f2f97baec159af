package dev.strata.dialect.postgres;

import dev.strata.config.Durations;
import dev.strata.dialect.BlockerWatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Finds the sessions that hold a lock a migration's statement waits for. pg_blocking_pids answers
 * only while the wait lasts, and the waiting session can't ask while its statement runs, so a second
 * session (opened on first need, read only) asks a few times per lock timeout and keeps the last
 * answer; when the statement times out, that answer names the blocker.
 *
 * <p>Used by one {@link PostgresDatabase}; the probes run on one daemon thread of their own and
 * touch only the second session.
 */
final class PostgresBlockers implements AutoCloseable {

    /** Longer queries are cut short: the message names the blocker, it does not reproduce its work. */
    private static final int QUERY_WIDTH = 120;
    /** A password written in a statement (CREATE/ALTER ROLE ... PASSWORD '...'). */
    private static final Pattern PASSWORD_LITERAL =
            Pattern.compile("(PASSWORD\\s+)E?'(?:[^']|'')*'", Pattern.CASE_INSENSITIVE);
    /** A password in a connection string quoted in a query (dblink, postgres_fdw). */
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s']+:)[^@\\s']+@");

    private static final Pattern KEYWORD_PASSWORD =
            Pattern.compile("(password\\s*=\\s*)\\S+", Pattern.CASE_INSENSITIVE);

    private static final String QUERY = "SELECT a.pid, a.usename, a.application_name, a.state,"
            + " (extract(epoch FROM clock_timestamp() - coalesce(a.xact_start, a.query_start)) * 1000)::bigint,"
            + " a.query FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids(?)) ORDER BY a.pid";

    private final Supplier<Connection> opener;
    private ScheduledExecutorService probes;
    /** The second session; touched only on the probe thread. */
    private Connection side;

    private volatile boolean broken;

    /** @param opener opens a new session on the same database with the same credentials */
    PostgresBlockers(Supplier<Connection> opener) {
        this.opener = opener;
    }

    /** Watches the session {@code pid} for the statement about to run. */
    BlockerWatch watch(int pid, Duration lockTimeout) {
        if (broken) {
            return BlockerWatch.NONE;
        }
        if (probes == null) {
            probes = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "strata-lock-watch");
                thread.setDaemon(true);
                return thread;
            });
            // Connecting takes longer than a short lock timeout: open the second session now, in the background.
            probes.execute(this::open);
        }
        // A few looks per timeout, so the last one is close to when the wait ends; never a busy loop.
        long every = Math.max(20, Math.min(1000, lockTimeout.toMillis() / 4));
        AtomicReference<List<String>> seen = new AtomicReference<>(List.of());
        ScheduledFuture<?> probe = probes.scheduleWithFixedDelay(
                () -> {
                    List<String> now = look(pid);
                    if (!now.isEmpty()) {
                        seen.set(now);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        return new BlockerWatch() {
            @Override
            public List<String> blockers() {
                return seen.get();
            }

            @Override
            public void close() {
                probe.cancel(false);
            }
        };
    }

    /** Opens the second session, once; on the probe thread only. */
    private void open() {
        if (side != null || broken) {
            return;
        }
        try {
            side = opener.get();
            side.setReadOnly(true);
        } catch (SQLException | RuntimeException e) {
            broken = true;
        }
    }

    private List<String> look(int pid) {
        open();
        if (broken) {
            return List.of();
        }
        try {
            List<String> found = new ArrayList<>();
            try (PreparedStatement query = side.prepareStatement(QUERY)) {
                query.setInt(1, pid);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.add(describe(
                                rows.getInt(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getLong(5),
                                rows.getString(6)));
                    }
                }
            }
            return found;
        } catch (SQLException | RuntimeException e) {
            // Naming the blocker is a courtesy: without a second session, the timeout is reported without it.
            broken = true;
            return List.of();
        }
    }

    /** {@code session 4242 (user app, psql, idle in transaction for 12 s): LOCK TABLE ...}. */
    static String describe(int pid, String user, String application, String state, long millis, String query) {
        StringBuilder text = new StringBuilder("session ").append(pid).append(" (");
        if (user != null) {
            text.append("user ").append(user).append(", ");
        }
        if (application != null && !application.isBlank()) {
            text.append("application ").append(application).append(", ");
        }
        text.append(state == null ? "in a transaction" : state)
                .append(" for ")
                .append(Durations.spoken(Duration.ofMillis(Math.max(0, millis))))
                .append(')');
        if (query != null && !query.isBlank()) {
            text.append(", last query: ").append(shown(query));
        }
        return text.toString();
    }

    /** The query on one line, passwords hidden, cut short. */
    static String shown(String query) {
        String text = query.strip().replaceAll("\\s+", " ");
        text = PASSWORD_LITERAL.matcher(text).replaceAll("$1'***'");
        text = URL_PASSWORD.matcher(text).replaceAll("$1***@");
        text = KEYWORD_PASSWORD.matcher(text).replaceAll("$1***");
        return text.length() > QUERY_WIDTH ? text.substring(0, QUERY_WIDTH) + "..." : text;
    }

    @Override
    public void close() {
        if (probes != null) {
            probes.shutdownNow();
            try {
                probes.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (side != null) {
            try {
                side.close();
            } catch (SQLException ignored) {
                // Closing is best effort; the session ends with the process either way.
            }
        }
    }
}
