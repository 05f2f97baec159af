package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults that come from outside strata's process on a SQLite file, made by the real {@code sqlite3}
 * shell: a lock another program holds, and a hot journal left by a writer killed in the middle of a
 * transaction. Every command that opens the database is run against each, as a separate process.
 * Each command gets its own copy of the project, so they run a few at a time.
 */
class SqliteFaultsIT {

    /** Every command that opens the database, and its exit code on the project below once it can. */
    private static final List<Command> COMMANDS = List.of(
            new Command("migrate", 0, "migrate"),
            new Command("down", 0, "down"),
            new Command("status", 0, "status"),
            new Command("status --all-envs", 0, "status", "--all-envs"),
            new Command("validate", 0, "validate"),
            new Command("check", 0, "check"),
            new Command("drift", 0, "drift"),
            new Command("dump", 0, "dump"),
            new Command("explain", 0, "explain", "queries.sql"),
            new Command("advise", 0, "advise"),
            new Command("seed", 0, "seed"),
            new Command("backup", 0, "backup"),
            new Command("restore", 0, "restore", "old.sqlite", "--force"),
            new Command("baseline", 0, "baseline", "--version", "0002", "--yes"),
            new Command("repair", 0, "repair"),
            // The database already has strata's history: adopt refuses, having read it.
            new Command("adopt", 1, "adopt"),
            new Command("lint --url", 0, "--url", "sqlite:app.db", "lint", "--pending"));
    /** The commands that write: they wait even for a lock that still lets others read. */
    private static final List<String> WRITERS = List.of("migrate", "down", "seed", "restore");

    private static final String WAITING = "strata: waiting: ";
    private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

    @TempDir
    Path root;

    record Command(String name, int exitCode, String... args) {}

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    /**
     * {@code BEGIN EXCLUSIVE} keeps readers out too, so every command has to wait: each must say so
     * once, then finish its work as usual once the shell rolls back.
     */
    @Test
    void everyCommandSaysWhatItWaitsForAndGoesOnOnceAnExclusiveLockIsReleased() throws Exception {
        forEach(COMMANDS, command -> waitsThenGoesOn(command, "BEGIN EXCLUSIVE;"));
    }

    /** {@code BEGIN IMMEDIATE} keeps other writers out only. */
    @Test
    void everyWriterWaitsForAnImmediateTransactionAndGoesOnOnceItEnds() throws Exception {
        forEach(
                COMMANDS.stream().filter(c -> WRITERS.contains(c.name())).toList(),
                command -> waitsThenGoesOn(command, "BEGIN IMMEDIATE; INSERT INTO acct (id, bal) VALUES (99, 0);"));
    }

    /**
     * With {@code busy_timeout=1500} in the URL, a lock that is never released ends every command
     * with exit 1 and one message naming the setting, and the file exactly as it was.
     */
    @Test
    void afterTheMaximumWaitEveryCommandEndsWithOneMessageAndTheDatabaseUnchanged() throws Exception {
        forEach(COMMANDS, command -> {
            Path project = project(command, "?busy_timeout=1500");
            Path database = project.resolve("app.db");
            byte[] before = Files.readAllBytes(database);
            StrataProcess.Finished finished;
            try (SqliteShell shell = SqliteShell.after(database, "BEGIN EXCLUSIVE;")) {
                finished = StrataProcess.run(project, Map.of(), args(command, "?busy_timeout=1500"));
                shell.release();
            }
            String context = command.name() + ":\n" + finished.output();
            assertThat(finished.exitCode()).as(context).isEqualTo(1);
            List<String> messages = finished.stderr()
                    .lines()
                    .filter(line -> line.startsWith("strata: ") && !line.startsWith(WAITING))
                    .toList();
            assertThat(messages).as(context).hasSize(1);
            // status --all-envs shows why in the environment's column, and counts unread columns on stderr.
            assertThat(command.name().equals("status --all-envs") ? finished.stdout() : messages.get(0))
                    .as(context)
                    .contains("another process kept it locked")
                    .contains("1500 ms")
                    .contains("busy_timeout");
            assertThat(finished.output())
                    .as(context)
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            assertThat(Files.readAllBytes(database)).as(context).isEqualTo(before);
            assertThat(backups(project)).as(context).isEmpty();
        });
    }

    /**
     * A writer killed with SIGKILL inside a transaction that spilled pages into the file leaves a hot
     * journal. The next command, whatever it is, rolls it back and sees the database as it was before
     * that transaction, never "attempt to write a readonly database".
     */
    @Test
    void everyCommandRollsBackAHotJournalLeftByAKilledWriter() throws Exception {
        Path template = project(new Command("crashed", 0), "");
        try (SqliteShell writer = SqliteShell.after(
                template.resolve("app.db"),
                "PRAGMA cache_size = 1; BEGIN;"
                        + " INSERT INTO ledger (acct_id, amount) WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1"
                        + " FROM n WHERE x < 20000) SELECT x % 7, x FROM n;")) {
            writer.kill();
        }
        assertThat(template.resolve("app.db-journal"))
                .as("the killed writer's hot journal")
                .isNotEmptyFile();
        forEach(COMMANDS, command -> {
            Path project = root.resolve("hot-" + command.name().replace(' ', '-'));
            copy(template, project);
            StrataProcess.Finished finished = StrataProcess.run(project, Map.of(), args(command, ""));
            String context = command.name() + ":\n" + finished.output();
            assertThat(finished.output()).as(context).doesNotContain("readonly").doesNotContain("Exception");
            assertThat(finished.exitCode()).as(context).isEqualTo(command.exitCode());
            assertThat(project.resolve("app.db-journal"))
                    .as(context + "\nthe journal was rolled back")
                    .doesNotExist();
            for (Path backup : backups(project)) {
                assertThat(rows(backup, "ledger"))
                        .as(context + "\nthe backup holds the rolled-back state")
                        .isZero();
            }
        });
    }

    private void waitsThenGoesOn(Command command, String lock) throws Exception {
        Path project = project(command, "");
        StrataProcess.Running running;
        try (SqliteShell shell = SqliteShell.after(project.resolve("app.db"), lock)) {
            running = StrataProcess.startSplit(project, Map.of(), project.resolve("run"), args(command, ""));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(StrataProcess.TIMEOUT_SECONDS);
            while (!running.stderrSoFar().contains(WAITING)) {
                assertThat(running.alive())
                        .as(command.name() + " ended without waiting:\n" + running.stderrSoFar())
                        .isTrue();
                assertThat(System.nanoTime())
                        .as(command.name() + " never said it waits")
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
            Thread.sleep(700);
            shell.release();
        }
        StrataProcess.Finished finished = running.await();
        String context = command.name() + ":\n" + finished.output();
        assertThat(finished.exitCode()).as(context).isEqualTo(command.exitCode());
        assertThat(finished.stderr()
                        .lines()
                        .filter(line -> line.startsWith(WAITING))
                        .toList())
                .as(context)
                .singleElement()
                .asString()
                .contains("app.db")
                .contains("busy_timeout");
        assertThat(finished.output()).as(context).doesNotContain("locked").doesNotContain("Exception");
    }

    private static String[] args(Command command, String urlParameters) {
        if (!command.name().equals("lint --url")) {
            return command.args();
        }
        String[] args = command.args().clone();
        args[1] += urlParameters;
        return args;
    }

    /**
     * A copy, for one command, of a project migrated to 0002 of three migrations, with down scripts,
     * a seed, a query file, a backup and a second environment not created yet.
     */
    private Path project(Command command, String urlParameters) throws IOException, InterruptedException {
        Path project = root.resolve(command.name().replace(' ', '-') + (urlParameters.isEmpty() ? "" : "-limited"));
        copy(template(), project);
        Files.writeString(project.resolve("strata.toml"), """
                environment = "dev"

                [environments.dev]
                url = "sqlite:app.db%s"
                seeds = ["accounts.sql"]

                [environments.other]
                url = "sqlite:other.db"
                """.formatted(urlParameters));
        return project;
    }

    /** The project every command's copy starts from, migrated once per test. */
    private Path template() throws IOException, InterruptedException {
        synchronized (this) {
            Path project = root.resolve("template");
            if (Files.exists(project.resolve("old.sqlite"))) {
                return project;
            }
            Path migrations = Files.createDirectories(project.resolve("migrations"));
            Files.writeString(
                    migrations.resolve("0001_acct.up.sql"),
                    "CREATE TABLE acct (id INTEGER PRIMARY KEY, bal INTEGER NOT NULL);\n");
            Files.writeString(migrations.resolve("0001_acct.down.sql"), "DROP TABLE acct;\n");
            Files.writeString(
                    migrations.resolve("0002_ledger.up.sql"),
                    "CREATE TABLE ledger (id INTEGER PRIMARY KEY,"
                            + " acct_id INTEGER NOT NULL, amount INTEGER NOT NULL);\nCREATE INDEX ledger_acct ON ledger (acct_id);\n");
            Files.writeString(migrations.resolve("0002_ledger.down.sql"), "DROP TABLE ledger;\n");
            Files.writeString(migrations.resolve("0003_note.up.sql"), "ALTER TABLE acct ADD COLUMN note TEXT;\n");
            Files.writeString(migrations.resolve("0003_note.down.sql"), "ALTER TABLE acct DROP COLUMN note;\n");
            Files.createDirectories(project.resolve("seeds"));
            Files.writeString(
                    project.resolve("seeds/accounts.sql"),
                    "INSERT INTO acct (id, bal) VALUES (1, 10) ON CONFLICT DO NOTHING;\n");
            Files.writeString(project.resolve("queries.sql"), "SELECT amount FROM ledger WHERE acct_id = 1;\n");
            StrataProcess.Finished migrated =
                    StrataProcess.run(project, Map.of(), "--url", "sqlite:app.db", "migrate", "--target", "0002");
            assertThat(migrated.exitCode()).as(migrated.output()).isZero();
            Files.copy(project.resolve("app.db"), project.resolve("old.sqlite"));
            return project;
        }
    }

    private static List<Path> backups(Path project) throws IOException {
        Path folder = project.resolve("backups");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static long rows(Path database, String table) throws Exception {
        return dev.strata.testing.Jdbc.count("sqlite:" + database, "SELECT COUNT(*) FROM " + table);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Scenario {
        void run(Command command) throws Exception;
    }

    /**
     * Runs {@code scenario} for each command, a few at a time, and reports every failure. The quick
     * loop runs a sample of the commands ({@link CaseSample}).
     */
    private static void forEach(List<Command> all, Scenario scenario) throws Exception {
        List<Command> commands = CaseSample.current().of("SqliteFaultsIT", all);
        List<Future<?>> runs = new ArrayList<>();
        for (Command command : commands) {
            runs.add(POOL.submit(() -> {
                scenario.run(command);
                return null;
            }));
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            try {
                runs.get(i).get();
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(commands.get(i).name() + ": " + e.getCause());
            }
        }
        assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    }
}
