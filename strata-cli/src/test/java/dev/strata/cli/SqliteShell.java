package dev.strata.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code sqlite3} shell on a database, as another program that shares the file: it holds
 * a lock, or is killed in the middle of a transaction. Statements go to its standard input one line
 * at a time; a {@code SELECT} of a marker tells when the ones before it have run.
 */
final class SqliteShell implements AutoCloseable {

    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    private SqliteShell(Path database) throws IOException {
        process = new ProcessBuilder("sqlite3", database.toString())
                .redirectErrorStream(true)
                .start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** A shell that has run {@code statements} (ending with an open transaction, typically) and waits. */
    static SqliteShell after(Path database, String statements) throws IOException {
        SqliteShell shell = new SqliteShell(database);
        shell.run(statements);
        return shell;
    }

    /** Runs {@code statements} and returns once the shell has done so. */
    void run(String statements) throws IOException {
        in.write(statements + "\nSELECT 'done-' || 'marker';\n");
        in.flush();
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); ; line = out.readLine()) {
            if (line == null) {
                throw new IllegalStateException("sqlite3 ended before it ran: " + statements + "\n" + seen);
            }
            if (line.equals("done-marker")) {
                return;
            }
            seen.append(line).append('\n');
        }
    }

    /** Ends the open transaction without changing anything, and the shell with it. */
    void release() throws IOException, InterruptedException {
        in.write("ROLLBACK;\n.quit\n");
        in.flush();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("sqlite3 did not quit");
        }
    }

    /** SIGKILL in the middle of whatever it holds: no rollback, the journal stays behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
