package dev.strata.refactor;

import dev.strata.Strata;
import dev.strata.sql.SqliteSplitter;
import dev.strata.sql.Statement;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the table rebuild {@code strata alter} generates takes when strata runs it, against the
 * same SQL run by the {@code sqlite3} shell, on a table of many rows; and how much JVM heap strata uses
 * meanwhile. Not a test: run it with {@code bench/alter-rebuild [ROWS]} (default 10,000,000 rows).
 *
 * <p>The table is the D1 example's {@code zetachain_cctx_log} with {@code amount} as TEXT and an index on
 * status; the change is {@code --type amount=REAL}. Both runs start from copies of the same file. The
 * shell runs the migration's statements and its verify queries in one transaction, as strata does.
 */
public final class RebuildBenchmark {

    private RebuildBenchmark() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        String sqlite3 = args.length > 1 ? args[1] : "sqlite3";
        Path work = Files.createTempDirectory("strata-rebuild-bench");
        try {
            run(work, rows, sqlite3);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path work, long rows, String sqlite3) throws Exception {
        Path project = work.resolve("project");
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
                """);
        Path seeded = work.resolve("seeded.db");
        Strata seedStrata = strata(project, seeded);
        seedStrata.migrate();
        long fillStart = System.nanoTime();
        Jdbc.execute("sqlite:" + seeded, "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < "
                + rows + ") INSERT INTO zetachain_cctx_log (cctx_hash, source_chain, destination_chain, asset, amount,"
                + " status, created_at, updated_at) SELECT printf('0x%016x', x), 'eth', 'zeta', 'USDC',"
                + " printf('%d.%02d', x % 100000, x % 100), CASE x % 10 WHEN 0 THEN 'pending' ELSE 'done' END,"
                + " '2025-01-01 00:00:00', '2025-01-01 00:00:00' FROM n");
        System.out.printf("filled %,d rows in %.1f s (%,d MB file)%n", rows, seconds(fillStart),
                Files.size(seeded) >> 20);

        Refactorer.Result generated = seedStrata.alter(new AlterRequest("zetachain_cctx_log",
                List.of(AlterOperation.type("amount=REAL", Optional.empty()))));
        String migration = Files.readString(generated.files().get(0));

        Path forStrata = work.resolve("strata.db");
        Path forShell = work.resolve("shell.db");
        Files.copy(seeded, forStrata, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(seeded, forShell, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(seeded);

        HeapSampler heap = new HeapSampler();
        heap.start();
        long strataStart = System.nanoTime();
        strata(project, forStrata).migrate();
        double strataSeconds = seconds(strataStart);
        heap.stop();

        Path script = work.resolve("shell.sql");
        Files.writeString(script, shellScript(migration));
        long shellStart = System.nanoTime();
        Process shell = new ProcessBuilder(sqlite3, "-bail", forShell.toString()).redirectInput(script.toFile())
                .redirectErrorStream(true).start();
        String shellOutput = new String(shell.getInputStream().readAllBytes());
        int exit = shell.waitFor();
        double shellSeconds = seconds(shellStart);
        if (exit != 0 || !shellOutput.isBlank()) {
            throw new IllegalStateException("sqlite3 failed (exit " + exit + "): " + shellOutput);
        }

        long strataRows = Jdbc.count("sqlite:" + forStrata, "SELECT COUNT(*) FROM zetachain_cctx_log"
                + " WHERE typeof(amount) = 'real'");
        long shellRows = Jdbc.count("sqlite:" + forShell, "SELECT COUNT(*) FROM zetachain_cctx_log"
                + " WHERE typeof(amount) = 'real'");
        System.out.printf("rows converted: strata %,d, sqlite3 %,d (of %,d)%n", strataRows, shellRows, rows);
        System.out.printf("strata migrate:  %.1f s%n", strataSeconds);
        System.out.printf("sqlite3 shell:   %.1f s (%s)%n", shellSeconds, version(sqlite3));
        System.out.printf("ratio:           %.2fx%n", strataSeconds / shellSeconds);
        System.out.printf("JVM heap used:   %,d MB before, %,d MB at most during the run (max heap %,d MB)%n",
                heap.before >> 20, heap.peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static Strata strata(Path project, Path database) {
        return Strata.configure().projectDir(project).url("sqlite:" + database).environmentVariables(Map.of()).load();
    }

    /** The migration's statements and its verify queries, in one transaction, as strata runs them. */
    static String shellScript(String migration) {
        StringBuilder script = new StringBuilder("PRAGMA foreign_keys = OFF;\nBEGIN IMMEDIATE;\n");
        for (Statement statement : SqliteSplitter.INSTANCE.split("migration.sql", migration).statements()) {
            script.append(statement.sql()).append(";\n");
        }
        Matcher verify = Pattern.compile("(?m)^-- strata:verify (.*)$").matcher(migration);
        while (verify.find()) {
            script.append(verify.group(1)).append(";\n");
        }
        return script.append("COMMIT;\n").toString();
    }

    private static String version(String sqlite3) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(sqlite3, "--version").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        process.waitFor();
        return "sqlite3 " + out.split(" ")[0];
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Samples the heap in use every 20 ms; after a GC before the start, so garbage of the fill doesn't count. */
    private static final class HeapSampler {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private long before;
        private Thread thread;

        void start() {
            System.gc();
            before = memory.getHeapMemoryUsage().getUsed();
            peak.set(before);
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
