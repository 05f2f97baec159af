package dev.strata.bench;

import dev.strata.Strata;
import dev.strata.refactor.AlterOperation;
import dev.strata.refactor.AlterRequest;
import dev.strata.refactor.Refactorer;
import dev.strata.sql.SqliteSplitter;
import dev.strata.sql.Statement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQLite table rebuild {@code strata alter} writes, on a table of many rows (10,000,000 by
 * default): {@code strata migrate} against the same statements and checks run by the {@code sqlite3}
 * shell in one transaction, each round on fresh copies of one filled file. Also records how much the
 * JVM heap grew while strata ran: the rows never pass through the JVM, so it should stay flat.
 *
 * <p>The table is shaped like the D1 example's {@code zetachain_cctx_log}, with {@code amount} as TEXT
 * and an index on status; the change is {@code --type amount=REAL}.
 */
final class RebuildWorkload implements Workload {

    static final String NAME = "rebuild";
    static final String SHELL = "sqlite3";

    @Override
    public String id() {
        return NAME;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        if (!context.options().engines().contains("sqlite")) {
            return; // a SQLite rebuild; PostgreSQL changes a column type in place
        }
        String shell = context.options().sqlite3();
        String shellVersion = shellVersion(shell);
        int rows = context.options().rebuildRows();
        Path dir = context.options().sqliteDir().resolve("rebuild");
        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0000_initial_schema.sql"), """
                CREATE TABLE zetachain_cctx_log (
                    cctx_hash TEXT PRIMARY KEY NOT NULL,
                    source_chain TEXT NOT NULL,
                    destination_chain TEXT NOT NULL,
                    asset TEXT,
                    amount TEXT,
                    status TEXT DEFAULT 'pending',
                    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
                    updated_at DATETIME DEFAULT CURRENT_TIMESTAMP
                );
                CREATE INDEX idx_cctx_status ON zetachain_cctx_log (status);
                """, StandardCharsets.UTF_8);
        Path seeded = dir.resolve("seeded.sqlite");
        Files.deleteIfExists(seeded);
        strata(project, seeded).migrate();
        System.err.printf(Locale.ROOT, "bench: rebuild: filling %,d rows…%n", rows);
        fill(seeded, rows);
        Refactorer.Result generated = strata(project, seeded)
                .alter(new AlterRequest(
                        "zetachain_cctx_log",
                        List.of(AlterOperation.type("amount=REAL", Optional.empty())),
                        Optional.empty(),
                        AlterRequest.DEFAULT_TOLERANCE));
        Path script = dir.resolve("shell.sql");
        Files.writeString(script, shellScript(Files.readString(generated.files().get(0))), StandardCharsets.UTF_8);

        Path copy = dir.resolve("run.sqlite");
        long heapGrowth = 0;
        int rounds = context.options().roundsFor(rows);
        try {
            for (int round = 1; round <= rounds; round++) {
                boolean strataFirst = round % 2 == 1;
                for (boolean strataTurn : strataFirst ? List.of(true, false) : List.of(false, true)) {
                    Files.copy(seeded, copy, StandardCopyOption.REPLACE_EXISTING);
                    double seconds;
                    if (strataTurn) {
                        HeapSampler heap = HeapSampler.start();
                        Timer.Timing timing =
                                Timer.time(() -> strata(project, copy).migrate());
                        heapGrowth = Math.max(heapGrowth, heap.stop());
                        seconds = timing.seconds();
                    } else {
                        seconds = runShell(shell, copy, script);
                    }
                    long converted =
                            count(copy, "SELECT count(*) FROM zetachain_cctx_log WHERE typeof(amount) = 'real'");
                    if (converted != rows) {
                        throw new IllegalStateException(
                                (strataTurn ? "strata" : SHELL) + " converted " + converted + " of " + rows + " rows");
                    }
                    context.results()
                            .add(new Sample(
                                    NAME, "sqlite", rows, strataTurn ? "strata" : SHELL, round, seconds, Double.NaN));
                }
            }
        } finally {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(seeded);
        }
        context.note(String.format(
                Locale.ROOT,
                "The rebuild compares strata with the %s shell (%s); while strata"
                        + " rebuilt %,d rows the JVM heap grew by at most %,d KB.",
                SHELL,
                shellVersion,
                rows,
                heapGrowth >> 10));
    }

    private static Strata strata(Path project, Path database) {
        return Strata.configure()
                .projectDir(project)
                .url("sqlite:" + database)
                .environmentVariables(Map.of())
                .load();
    }

    private static void fill(Path database, int rows) throws SQLException {
        try (Connection connection = connect(database);
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < " + rows
                    + ") INSERT INTO zetachain_cctx_log (cctx_hash, source_chain, destination_chain, asset, amount,"
                    + " status, created_at, updated_at) SELECT printf('0x%016x', x), 'eth', 'zeta', 'USDC',"
                    + " printf('%d.%02d', x % 100000, x % 100), CASE x % 10 WHEN 0 THEN 'pending' ELSE 'done' END,"
                    + " '2025-01-01 00:00:00', '2025-01-01 00:00:00' FROM n");
        }
    }

    private static long count(Path database, String query) throws SQLException {
        try (Connection connection = connect(database);
                java.sql.Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect(Path database) throws SQLException {
        return new Target("sqlite", "sqlite:" + database, "jdbc:sqlite:" + database, null, null).connect();
    }

    /** The migration's statements and its verify queries, in one transaction, as strata runs them. */
    static String shellScript(String migration) {
        StringBuilder script = new StringBuilder("PRAGMA foreign_keys = OFF;\nBEGIN IMMEDIATE;\n");
        for (Statement statement :
                SqliteSplitter.INSTANCE.split("migration.sql", migration).statements()) {
            script.append(statement.sql()).append(";\n");
        }
        Matcher verify = Pattern.compile("(?m)^-- strata:verify (.*)$").matcher(migration);
        while (verify.find()) {
            script.append(verify.group(1)).append(";\n");
        }
        return script.append("COMMIT;\n").toString();
    }

    private static double runShell(String shell, Path database, Path script) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(shell, "-bail", database.toString())
                .redirectInput(script.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0 || !output.isBlank()) {
            throw new IllegalStateException(shell + " failed (exit " + exit + "): " + output.strip());
        }
        return seconds;
    }

    private static String shellVersion(String shell) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(shell, "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor();
            return "SQLite " + out.split(" ", -1)[0];
        } catch (IOException e) {
            throw new IllegalArgumentException("the rebuild workload needs the sqlite3 shell, and '" + shell
                    + "' could not be run (" + e.getMessage() + "); install it (Debian: apt-get install sqlite3),"
                    + " name it with --sqlite3 PATH, or leave the workload out with --workloads");
        }
    }
}
