package dev.strata.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the floor's time per migration goes as the schema grows: the largest generated set applied
 * over plain JDBC, as the floor does, with every migration timed on its own, once with a commit per
 * migration and once in one transaction. The page gets, per stretch of migrations, the mean time of
 * each kind of migration (a table, two indexes, {@code ALTER TABLE ... ADD COLUMN}, an insert, a
 * view) and of the commit, beside how many objects the schema held: what grows with the schema shows
 * up as the kind whose time grows with it.
 *
 * <p>Not a contest: no tool runs here, only the statements the floor runs. The times are CPU
 * milliseconds of the harness thread (SQLite works in it; on PostgreSQL they show only the client's
 * part, so wall-clock milliseconds are given beside them).
 */
final class SchemaGrowthWorkload implements Workload {

    static final String NAME = "schema-growth";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String[] KINDS = {"CREATE TABLE", "2 CREATE INDEX", "ADD COLUMN", "INSERT", "CREATE VIEW"};
    private static final int STRETCHES = 5;

    @Override
    public String id() {
        return NAME;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int size = context.options().sizes().stream().max(Integer::compare).orElseThrow();
        MigrationSet set = context.migrations(size);
        List<String> texts = new ArrayList<>(size);
        for (Path file : set.files()) {
            texts.add(Files.readString(file, StandardCharsets.UTF_8));
        }
        List<String[]> rows = new ArrayList<>();
        for (String engineName : context.options().engines()) {
            Engine engine = context.engine(engineName);
            for (boolean oneTransaction : new boolean[] {false, true}) {
                Target target = engine.fresh();
                rows.addAll(measure(engineName, target, texts, oneTransaction));
                engine.drop(target);
            }
        }
        StringBuilder note = new StringBuilder("Time per migration as the schema grows (`--workloads " + NAME
                + "`): the " + String.format(Locale.ROOT, "%,d", size) + " generated migrations over plain JDBC as"
                + " the floor runs them, each migration timed alone; mean milliseconds per migration of each kind"
                + " over each stretch, CPU time of the harness thread (which includes SQLite's work, not"
                + " PostgreSQL's) and, in the last column, wall-clock time of the whole stretch per migration."
                + " \"objects\" counts the tables, indexes and views at the start of the stretch; in one transaction"
                + " its one commit comes after the last stretch and is in none.\n\n");
        List<String> header = new ArrayList<>(List.of("Engine", "Commits", "Migrations", "objects"));
        for (String kind : KINDS) {
            header.add(kind);
        }
        header.add("commit");
        header.add("all, wall-clock");
        note.append("| ").append(String.join(" | ", header)).append(" |\n");
        note.append("|").append("---|".repeat(header.size())).append('\n');
        for (String[] row : rows) {
            note.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        context.note(note.toString());
    }

    /** One fresh database: every migration timed, summed per kind and per stretch. */
    private static List<String[]> measure(String engine, Target target, List<String> texts, boolean oneTransaction)
            throws Exception {
        int size = texts.size();
        int stretch = Math.max(KINDS.length, size / STRETCHES);
        List<String[]> rows = new ArrayList<>();
        try (Connection connection = target.connect();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            long[] cpu = new long[KINDS.length];
            int[] counts = new int[KINDS.length];
            long commitCpu = 0;
            long wallStarted = System.nanoTime();
            int first = 0;
            for (int i = 0; i < size; i++) {
                int kind = i % KINDS.length;
                long started = THREADS.getCurrentThreadCpuTime();
                for (String sql : FloorContender.statements(texts.get(i))) {
                    statement.execute(sql);
                }
                cpu[kind] += THREADS.getCurrentThreadCpuTime() - started;
                counts[kind]++;
                if (!oneTransaction) {
                    long committing = THREADS.getCurrentThreadCpuTime();
                    connection.commit();
                    commitCpu += THREADS.getCurrentThreadCpuTime() - committing;
                }
                boolean end = i == size - 1;
                if ((i + 1) % stretch == 0 || end) {
                    int migrations = i + 1 - first;
                    List<String> cells = new ArrayList<>(List.of(
                            engine,
                            oneTransaction ? "one at the end" : "one per migration",
                            String.format(Locale.ROOT, "%,d-%,d", first + 1, i + 1),
                            String.format(Locale.ROOT, "%,d", objects(first))));
                    for (int k = 0; k < KINDS.length; k++) {
                        cells.add(counts[k] == 0 ? "-" : millis(cpu[k] / (double) counts[k]));
                    }
                    cells.add(oneTransaction ? "-" : millis(commitCpu / (double) migrations));
                    cells.add(millis((System.nanoTime() - wallStarted) / (double) migrations));
                    rows.add(cells.toArray(String[]::new));
                    java.util.Arrays.fill(cpu, 0);
                    java.util.Arrays.fill(counts, 0);
                    commitCpu = 0;
                    wallStarted = System.nanoTime();
                    first = i + 1;
                }
            }
            connection.commit(); // the one commit of the one transaction (timed in no stretch)
        }
        return rows;
    }

    /** Tables, indexes and views the first {@code migrations} generated migrations create. */
    private static int objects(int migrations) {
        MigrationSet.ObjectCounts counts = MigrationSet.expectedObjects(migrations);
        return counts.tables() + counts.indexes() + counts.views();
    }

    private static String millis(double nanos) {
        double ms = nanos / 1e6;
        return ms < 1 ? String.format(Locale.ROOT, "%.3f", ms) : String.format(Locale.ROOT, "%.2f", ms);
    }
}
