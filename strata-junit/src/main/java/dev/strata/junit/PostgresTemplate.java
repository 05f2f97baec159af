package dev.strata.junit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migrated database on the embedded PostgreSQL server; each copy is a new database made from it
 * with {@code CREATE DATABASE ... TEMPLATE}, which copies files instead of replaying SQL.
 *
 * <p>Copies are made and dropped on one background thread, over one connection that stays open, so
 * a test does not wait for what happens between tests:
 *
 * <ul>
 *   <li>the copy for the next test is made while the current one runs ({@link #AHEAD} copies wait
 *       ready), always from the template, which no test ever connects to: every copy equals the
 *       migrated template, whatever the tests before it wrote to theirs;
 *   <li>a used copy is dropped one test later, once the backends of its test's connections have
 *       exited ({@code DROP DATABASE ... WITH (FORCE)} otherwise waits in steps of 100 ms for a
 *       backend that is still going away, and ends one that a test left open);
 *   <li>{@link #close()} drops every copy still there, ready or used, and then the template.
 * </ul>
 *
 * <p>Thread-safe: tests of one class that run in parallel each take their own copy.
 */
final class PostgresTemplate implements TemplateDatabase {

    /** Copies made ahead of the tests that take them; one hides the making behind the test that runs. */
    static final int AHEAD = 1;

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final EmbeddedServer server;
    private final String template;
    /** The maintenance connection, used only by {@link #background}, and by {@link #close()} after it. */
    private final Connection admin;

    private final ExecutorService background;
    /** Copies being made or ready, in the order they were asked for. */
    private final Deque<Future<String>> ahead = new ArrayDeque<>();
    /** Copies whose tests are done and that are not dropped yet. */
    private final List<String> used = new ArrayList<>();
    /** Every copy made and not dropped: what {@link #close()} drops. */
    private final Set<String> existing = ConcurrentHashMap.newKeySet();
    /** The first thing that failed on the background thread and no test has seen. */
    private final AtomicReference<RuntimeException> backgroundFailure = new AtomicReference<>();

    private PostgresTemplate(EmbeddedServer server, String template) {
        this.server = server;
        this.template = template;
        this.admin = server.connect();
        this.background = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "strata-junit copies of " + template);
            thread.setDaemon(true);
            return thread;
        });
    }

    static PostgresTemplate migrate(EmbeddedServer server, Migrations migrations) {
        String name = "strata_template_" + NAMES.incrementAndGet();
        server.execute("CREATE DATABASE " + name);
        // Strata closes its connections when it is done: a template must have none open.
        return migrations.applyTo(new PostgresTemplate(server, name), server.strataUrl(name));
    }

    @Override
    public MigratedDatabase copy() {
        Future<String> next;
        synchronized (this) {
            if (ahead.isEmpty()) {
                ahead.add(background.submit(this::create));
            }
            next = ahead.poll();
            while (ahead.size() < AHEAD) {
                ahead.add(background.submit(this::create));
            }
        }
        String name = await(next);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(server.jdbcUrl(name));
        dataSource.setUser(EmbeddedServer.USER);
        return new MigratedDatabase(server.strataUrl(name), server.jdbcUrl(name), dataSource);
    }

    @Override
    public void drop(MigratedDatabase copy) {
        String name = copy.jdbcUrl().substring(copy.jdbcUrl().lastIndexOf('/') + 1);
        List<String> done;
        synchronized (this) {
            used.add(name);
            // The newest stays one test longer: its connections were closed a moment ago, and
            // their backends may still be exiting.
            done = new ArrayList<>(used.subList(0, used.size() - 1));
            used.subList(0, used.size() - 1).clear();
        }
        if (!done.isEmpty()) {
            background.execute(() -> {
                try {
                    done.forEach(this::dropNow);
                } catch (RuntimeException e) {
                    backgroundFailure.compareAndSet(null, e);
                }
            });
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            // A copy nobody will take need not be made; one already being made finishes first.
            ahead.forEach(copy -> copy.cancel(false));
            ahead.clear();
        }
        background.shutdown();
        try {
            if (!background.awaitTermination(2, TimeUnit.MINUTES)) {
                background.shutdownNow();
            }
            // Whatever the background thread made, used or not, goes now, then the template.
            for (String copy : List.copyOf(existing)) {
                dropNow(copy);
            }
            execute(admin, "DROP DATABASE IF EXISTS " + template + " WITH (FORCE)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while removing the test databases of " + template, e);
        } finally {
            try {
                admin.close();
            } catch (SQLException e) {
                // The databases are gone; a connection that does not close cleanly holds nothing.
            }
        }
        RuntimeException failure = backgroundFailure.get();
        if (failure != null) {
            throw failure;
        }
    }

    private String create() {
        String name = template + "_test_" + NAMES.incrementAndGet();
        // FILE_COPY (PostgreSQL 15 and later) copies the template's files in one go; the default,
        // WAL_LOG, writes every block through the WAL, which costs more for the small databases of
        // tests. Its checkpoint is cheap on the embedded server, which runs without fsync.
        execute(
                admin,
                "CREATE DATABASE " + name + " TEMPLATE " + template
                        + (server.versionNumber() >= 150000 ? " STRATEGY FILE_COPY" : ""));
        existing.add(name);
        return name;
    }

    private void dropNow(String name) {
        execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        existing.remove(name);
    }

    private static String await(Future<String> copy) {
        try {
            return copy.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a copy of the template database", e);
        } catch (ExecutionException e) {
            // The background thread's own exception says which statement failed and why.
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    /** Runs one statement on the server's maintenance database. */
    static void execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "'" + sql + "' failed on the embedded PostgreSQL server: " + e.getMessage(), e);
        }
    }
}
