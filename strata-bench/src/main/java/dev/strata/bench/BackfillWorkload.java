package dev.strata.bench;

import dev.strata.Strata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What batching costs: {@code strata migrate} of one {@code -- strata:backfill batch=1000 pause=0ms}
 * UPDATE (each batch its own transaction with its progress row) against the same UPDATE as one
 * statement in one migration, on the same rows, per engine, alternated over the rounds. Each run is
 * on a fresh database filled outside the timed part; every row must end updated exactly once.
 */
final class BackfillWorkload implements Workload {

    static final String NAME = "backfill";
    static final String BATCHED = "batched";
    static final String ONE_UPDATE = "one update";
    static final int BATCH = 1_000;
    private static final int WARM_UP_ROWS = 10_000;

    @Override
    public String id() {
        return NAME;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int rows = context.options().backfillRows();
        int rounds = context.options().roundsFor(rows);
        for (String engineName : context.options().engines()) {
            Engine engine = context.engine(engineName);
            // Round 0 is the untimed warm-up, on a small table.
            for (int round = 0; round <= rounds; round++) {
                List<Boolean> order = round % 2 == 1 ? List.of(true, false) : List.of(false, true);
                int size = round == 0 ? Math.min(rows, WARM_UP_ROWS) : rows;
                for (boolean batched : order) {
                    Target target = engine.fresh();
                    try {
                        Path project = project(context, engineName, batched);
                        strata(project, target).migrate(); // the table, before its rows and the UPDATE
                        fill(target, size);
                        Files.writeString(
                                project.resolve("migrations/0002_count.sql"),
                                (batched
                                                ? "-- strata:no-transaction\n-- strata:backfill batch=" + BATCH
                                                        + " pause=0ms\n"
                                                : "")
                                        + "UPDATE items SET n = n + 1 WHERE v > 0;\n");
                        Timer.Timing timing =
                                Timer.time(() -> strata(project, target).migrate());
                        long once = count(target, "SELECT count(*) FROM items WHERE n = 1");
                        if (once != size) {
                            throw new IllegalStateException((batched ? BATCHED : ONE_UPDATE) + " on " + engineName
                                    + " updated " + once + " of " + size + " rows exactly once");
                        }
                        if (round == 0) {
                            continue;
                        }
                        context.results()
                                .add(new Sample(NAME, engineName, rows, batched ? BATCHED : ONE_UPDATE, round, timing));
                    } finally {
                        engine.drop(target);
                    }
                }
            }
        }
        context.note(String.format(
                Locale.ROOT,
                "The backfill runs one UPDATE of %,d rows through strata migrate: batched"
                        + " (-- strata:backfill batch=%,d pause=0ms: each batch a transaction with its progress row)"
                        + " against the same UPDATE as one statement in one migration.",
                rows,
                BATCH));
    }

    private static Path project(BenchContext context, String engine, boolean batched) throws Exception {
        Path project = context.work().resolve("backfill-" + engine + (batched ? "-batched" : "-single"));
        Path migrations = project.resolve("migrations");
        if (Files.isDirectory(migrations)) {
            try (var files = Files.list(migrations)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(migrations);
        Files.writeString(
                migrations.resolve("0001_items.sql"),
                "CREATE TABLE items (id INTEGER PRIMARY KEY, v INTEGER NOT NULL, n INTEGER NOT NULL DEFAULT 0);\n");
        return project;
    }

    private static Strata strata(Path project, Target target) {
        return Strata.configure()
                .projectDir(project)
                .url(target.strataUrl())
                .environmentVariables(Map.of())
                .load();
    }

    private static void fill(Target target, int rows) throws SQLException {
        try (Connection connection = target.connect();
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute(
                    target.engine().equals("sqlite")
                            ? "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " + rows
                                    + ") INSERT INTO items (id, v) SELECT i, i FROM s"
                            : "INSERT INTO items (id, v) SELECT i, i FROM generate_series(1, " + rows + ") AS i");
        }
    }

    private static long count(Target target, String query) throws SQLException {
        try (Connection connection = target.connect();
                java.sql.Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
