package dev.strata.cli;

import dev.strata.testing.PostgresDataTemplate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of the test's own, on a data folder and port that survive it, so that the
 * test can kill its postmaster (SIGKILL) or stop it in immediate mode (SIGQUIT, what
 * {@code pg_ctl stop -m immediate} sends), then start it again on the same data: the server then
 * runs crash recovery, as a production server would.
 */
final class RestartableServer implements AutoCloseable {

    private final Path data;
    private final int port;
    private EmbeddedPostgres server;

    RestartableServer(Path data) throws IOException {
        this.data = data;
        this.server = durableAsInProduction(PostgresDataTemplate.builder(data)).start();
        this.port = server.getPort();
    }

    String newDatabaseUrl(String name) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create " + name, e);
        }
        return "postgres://postgres@localhost:" + port + "/" + name;
    }

    /**
     * Stops the server abruptly and waits until it and every backend it started are gone. "QUIT" is
     * PostgreSQL's immediate shutdown: the postmaster tells every backend to quit at once. "KILL" is
     * the whole server dying, as when its machine or container does: the postmaster and every backend
     * get SIGKILL together. (A backend whose postmaster alone was killed goes on with its statement and
     * may still commit, so that would not stop a migration at a known point.)
     *
     * @param signal "KILL" or "QUIT"
     */
    void crash(String signal) throws Exception {
        long postmaster = Long.parseLong(
                Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
        all.add(0, handle);
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        for (ProcessHandle process : signal.equals("KILL") ? all : List.of(handle)) {
            command.add(String.valueOf(process.pid()));
        }
        // Its exit status is 1 when a backend ended by itself before the signal; that is no failure, and
        // the wait below fails if a process the signal should have ended is still there.
        new ProcessBuilder(command).inheritIO().start().waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // The server can only start again once the last of its processes has let go of the shared memory.
        while (all.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server's processes outlived it by a minute");
            }
            Thread.sleep(20);
        }
        try {
            server.close(); // its pg_ctl stop finds no server; this only releases the data folder's lock
        } catch (IOException | RuntimeException ignored) {
            // The server is already gone, which is the point.
        }
    }

    /** Starts the server again on the same data and port: crash recovery runs first. */
    void restart() throws IOException {
        // Crash recovery replays the WAL first, which takes a loaded machine longer than the default 10 s.
        server = durableAsInProduction(EmbeddedPostgres.builder())
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(java.time.Duration.ofSeconds(120))
                .start();
    }

    /**
     * The embedded server turns synchronous_commit off by default; a server stopped in immediate mode
     * then loses commits still in its WAL buffers, which no production default does. The tests' other
     * servers also skip fsync and full-page writes; a server that is crashed on purpose keeps all three.
     */
    private static EmbeddedPostgres.Builder durableAsInProduction(EmbeddedPostgres.Builder builder) {
        return builder.setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
