package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.Postgres15Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills strata while PostgreSQL's client programs work for it, and checks what they leave: no
 * child still running, no change to the database after strata is gone, no backup under a finished
 * name, and neither the restore's SQL nor the password anywhere on disk or on a command line.
 *
 * <p>The server is PostgreSQL 15, the version of the client tools the build installs. The URL
 * carries a password, which the server (trusting local connections) doesn't ask for, so strata
 * hands it to its children exactly as it would to a server that does.
 */
class PostgresChildrenIT {

    private static final String PASSWORD = "Pw-Secret-4711";
    /** Rows in the backup: enough that restoring them takes psql more than a moment. */
    private static final int ROWS = 150_000;

    @TempDir
    static Path shared;

    private static Path backup;

    @TempDir
    Path root;

    @BeforeAll
    static void backUpABigDatabase() throws Exception {
        String url = withPassword(Postgres15Server.newDatabaseUrl());
        Jdbc.execute(
                plain(url),
                "CREATE TABLE big (id int PRIMARY KEY, payload text);"
                        + " INSERT INTO big SELECT g, md5(g::text) || md5((g + 1)::text) FROM generate_series(1, "
                        + ROWS
                        + ") g; CREATE INDEX big_payload ON big (payload);");
        backup = shared.resolve("big.pgdump");
        StrataProcess.Finished run = StrataProcess.run(shared, Map.of(), "--url", url, "backup", "--out", "big.pgdump");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain(PASSWORD);
    }

    @Test
    void sigkillDuringARestoreStopsPsqlAndChangesNothing() throws Exception {
        Killed killed = killDuringRestore(true);

        assertNothingOnDisk(killed.tmp());
        assertThat(killed.childrenAfter())
                .as("children still running after strata was killed: " + killed.children())
                .isEmpty();
        assertUnchangedAndQuiet(killed.url());
        assertThat(killed.commandLines())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).doesNotContain(PASSWORD));
    }

    /** SIGTERM lets the JVM exit on its own terms: no password file and no SQL may stay behind either. */
    @Test
    void sigtermDuringARestoreLeavesNoPasswordAndNoSqlOnDisk() throws Exception {
        Killed killed = killDuringRestore(false);

        assertNothingOnDisk(killed.tmp());
        assertThat(killed.childrenAfter()).isEmpty();
        assertUnchangedAndQuiet(killed.url());
    }

    @Test
    void sigkillDuringABackupStopsPgDumpAndLeavesNoBackupUnderAFinishedName() throws Exception {
        String url = withPassword(Postgres15Server.newDatabaseUrl());
        Path project = Files.createDirectories(root.resolve("project"));
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        Jdbc.execute(
                plain(url),
                "CREATE TABLE big (id int PRIMARY KEY, payload text);"
                        + " INSERT INTO big SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, " + ROWS
                        + ") g;");
        StrataProcess.Running running =
                StrataProcess.startSplit(project, tmpDir(tmp), root.resolve("backup"), "--url", url, "backup");
        List<ProcessHandle> children = awaitChild(running, "pg_dump", "--format=custom");
        List<String> commandLines = commandLines(running);
        children = new ArrayList<>(children);
        children.addAll(running.process().descendants().toList());
        running.kill();

        assertThat(gone(children))
                .as("pg_dump still running after strata was killed")
                .isEmpty();
        try (Stream<Path> files = Files.list(project.resolve("backups"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("only a hidden temporary file may exist")
                    .allMatch(name -> name.startsWith(".strata-backup-"));
        }
        assertNothingOnDisk(tmp);
        assertThat(commandLines).allSatisfy(line -> assertThat(line).doesNotContain(PASSWORD));

        // The next backup removes the dead run's temporary file, which holds rows of the database.
        StrataProcess.Finished next = StrataProcess.run(project, tmpDir(tmp), "--url", url, "backup");
        assertThat(next.exitCode()).as(next.output()).isZero();
        try (Stream<Path> files = Files.list(project.resolve("backups"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .singleElement()
                    .satisfies(name -> assertThat(name).endsWith(".pgdump").doesNotStartWith("."));
        }
    }

    private record Killed(
            String url,
            Path tmp,
            List<ProcessHandle> children,
            List<ProcessHandle> childrenAfter,
            List<String> commandLines) {}

    /**
     * Starts {@code restore --force} of the big backup over a database holding one table, and kills it
     * while psql is inside the restore's transaction. The test's own session holds a lock on that
     * table, so the restore waits in its first statement (it must drop the table) until the kill: on a
     * fast machine an unhindered restore can commit before any kill lands. A psql that outlived strata
     * (the old way) would go on once the lock is released and commit the backup.
     */
    private Killed killDuringRestore(boolean sigkill) throws Exception {
        String url = withPassword(Postgres15Server.newDatabaseUrl());
        Jdbc.execute(plain(url), "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42);");
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        try (java.sql.Connection holder = Jdbc.connect(plain(url))) {
            holder.setAutoCommit(false);
            try (java.sql.Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE kept IN ACCESS SHARE MODE");
            }
            StrataProcess.Running running = StrataProcess.startSplit(
                    shared,
                    tmpDir(tmp),
                    root.resolve("restore"),
                    "--url",
                    url,
                    "restore",
                    backup.toString(),
                    "--force");
            List<ProcessHandle> children = awaitChild(running, "psql", "--dbname=");
            awaitRestoreWaitingForTheLock(url, running);
            List<String> commandLines = commandLines(running);
            children = new ArrayList<>(children);
            children.addAll(running.process().descendants().toList());
            assertThat(running.alive())
                    .as("the restore finished before it could be killed: " + running.stderrSoFar())
                    .isTrue();
            if (sigkill) {
                running.kill();
            } else {
                running.process().destroy();
                assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            List<ProcessHandle> after = gone(children);
            holder.rollback();
            return new Killed(url, tmp, children, after, commandLines);
        }
    }

    /** Waits until a session of the restore waits for the test's lock (the restore's lock timeout is 5 s). */
    private static void awaitRestoreWaitingForTheLock(String url, StrataProcess.Running running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        String waiting = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'";
        while (Jdbc.count(plain(url), waiting) == 0) {
            assertThat(running.alive())
                    .as("the restore ended before it waited for the lock: " + running.stderrSoFar())
                    .isTrue();
            assertThat(System.nanoTime())
                    .as("the restore never waited for the lock")
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /**
     * Waits until strata has started {@code program} with an argument holding {@code argument} (not
     * its {@code --version}); returns all of strata's descendants then.
     */
    private static List<ProcessHandle> awaitChild(StrataProcess.Running running, String program, String argument)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<ProcessHandle> descendants = running.process().descendants().toList();
            if (descendants.stream()
                    .anyMatch(p -> p.info().command().orElse("").endsWith("/" + program)
                            && List.of(p.info().arguments().orElse(new String[0])).stream()
                                    .anyMatch(a -> a.contains(argument)))) {
                return descendants;
            }
            assertThat(running.alive())
                    .as("strata ended before it ran " + program + ": " + running.stderrSoFar())
                    .isTrue();
            assertThat(System.nanoTime()).as("strata never ran " + program).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static List<String> commandLines(StrataProcess.Running running) {
        List<String> lines = new ArrayList<>();
        running.process().descendants().forEach(p -> p.info().commandLine().ifPresent(lines::add));
        return lines;
    }

    /** The processes of {@code children} still alive two seconds after strata died. */
    private static List<ProcessHandle> gone(List<ProcessHandle> children) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline && children.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(20);
        }
        return children.stream().filter(ProcessHandle::isAlive).toList();
    }

    /**
     * The restore was rolled back: the table the database held is there with its row, nothing of the
     * backup is, no session of the restore stays on the server, and a second look finds the same.
     */
    private static void assertUnchangedAndQuiet(String url) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String sessions = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid()";
        while (Jdbc.count(plain(url), sessions) > 0) {
            assertThat(System.nanoTime())
                    .as("a session of the killed restore stays on the server")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        Set<String> first = tables(url);
        assertThat(first).containsExactly("kept");
        assertThat(Jdbc.count(plain(url), "SELECT n FROM kept")).isEqualTo(42);
        Thread.sleep(1000);
        assertThat(tables(url)).isEqualTo(first);
    }

    private static Set<String> tables(String url) {
        Set<String> tables = new TreeSet<>();
        Jdbc.query(plain(url), "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                .forEach(row -> tables.add(row.get(0)));
        return tables;
    }

    /** No file in strata's temp folder holds the password or the restore's SQL. */
    private static void assertNothingOnDisk(Path tmp) throws IOException {
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(text).as(file + " holds the password").doesNotContain(PASSWORD);
                assertThat(text).as(file + " holds rows of the database").doesNotContain("COPY public.big");
            }
        }
    }

    /** strata's JVM puts its temporary files here, so the test can look at all of them. */
    private static Map<String, String> tmpDir(Path tmp) {
        return Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp, "TMPDIR", tmp.toString());
    }

    private static String withPassword(String url) {
        return url.replace("postgres://postgres@", "postgres://postgres:" + PASSWORD + "@");
    }

    /** The URL the test's own JDBC helper takes, which carries no password. */
    private static String plain(String url) {
        return url.replace(":" + PASSWORD + "@", "@");
    }
}
