package dev.strata.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The performance targets strata holds itself to, each checked against this run's own medians: the
 * README's table of targets is this table. A target whose workload did not run is left out, so a
 * partial run reports only what it measured.
 */
final class Goals {

    private final Map<Results.Row, Map<String, Results.Stats>> wall;
    private final Map<Results.Row, Map<String, Results.Stats>> cpu;
    private final BenchOptions options;
    private final String sqliteFileSystem;

    /** One line of the table: a target, what this run measured, as a ratio to the target's limit. */
    record Goal(String target, String measured, double ratio, boolean met) {}

    Goals(
            Map<Results.Row, Map<String, Results.Stats>> wall,
            Map<Results.Row, Map<String, Results.Stats>> cpu,
            BenchOptions options,
            String sqliteFileSystem) {
        this.wall = wall;
        this.cpu = cpu;
        this.options = options;
        this.sqliteFileSystem = sqliteFileSystem;
    }

    List<Goal> measured() {
        int small = options.sizes().stream().min(Integer::compare).orElseThrow();
        int large = options.sizes().stream().max(Integer::compare).orElseThrow();
        List<Goal> goals = new ArrayList<>();
        oneTransaction(goals, DiskMigrateWorkload.NAME, "sqlite", small, "files on disk", 0.5);
        oneTransaction(goals, "migrate", "sqlite", small, "files on " + sqliteFileSystem, 0.5);
        oneTransaction(goals, "migrate", "postgres", small, "", 0.7);
        if (large > small) {
            linearGrowth(goals, "postgres", small, large);
        }
        stats(LintWorkload.SHADOW, "postgres", options.lintSize(), "strata")
                .ifPresent(lint -> goals.add(new Goal(
                        String.format(
                                Locale.ROOT,
                                "`lint` of %,d files with the shadow on PostgreSQL: at most 8 s",
                                options.lintSize()),
                        Report.seconds(lint.median()) + " s",
                        lint.median() / 8,
                        lint.median() <= 8)));
        rowsOf(ShadowDumpWorkload.NAME)
                .forEach(row -> ratio(wall.get(row), "strata", ShadowDumpWorkload.PSQL)
                        .ifPresent(ratio -> goals.add(new Goal(
                                String.format(
                                        Locale.ROOT,
                                        "`dump --from-migrations` of %,d real migrations: within 1.5x of psql applying them",
                                        row.size()),
                                Report.seconds(wall.get(row).get("strata").median()) + " s against "
                                        + Report.seconds(wall.get(row)
                                                .get(ShadowDumpWorkload.PSQL)
                                                .median()) + " s",
                                ratio / 1.5,
                                ratio <= 1.5))));
        rowsOf(StartupWorkload.NAME).forEach(row -> startup(goals, row));
        return goals;
    }

    /** {@code --single-transaction} against the floor at one size: wall-clock decides, CPU shown beside. */
    private void oneTransaction(
            List<Goal> goals, String workload, String engine, int size, String where, double limit) {
        Results.Row row = new Results.Row(workload, engine, size);
        ratio(wall.get(row), StrataContender.SINGLE, "floor")
                .ifPresent(ratio -> goals.add(new Goal(
                        String.format(
                                Locale.ROOT,
                                "%s%s, %,d migrations in one transaction: at most %.1fx the floor",
                                engine.equals("sqlite") ? "SQLite" : "PostgreSQL",
                                where.isEmpty() ? "" : " (" + where + ")",
                                size,
                                limit),
                        String.format(Locale.ROOT, "%.2fx the floor", ratio)
                                + ratio(cpu.get(row), StrataContender.SINGLE, "floor")
                                        .map(cpuRatio -> String.format(Locale.ROOT, " (CPU %.2fx)", cpuRatio))
                                        .orElse(""),
                        ratio / limit,
                        ratio <= limit)));
    }

    /** strata's migrate time from the smallest size to the largest, against the growth of the size. */
    private void linearGrowth(List<Goal> goals, String engine, int small, int large) {
        Optional<Results.Stats> from = stats("migrate", engine, small, "strata");
        Optional<Results.Stats> to = stats("migrate", engine, large, "strata");
        if (from.isEmpty() || to.isEmpty() || from.get().median() <= 0) {
            return;
        }
        double grew = to.get().median() / from.get().median();
        double linear = large / (double) small;
        goals.add(new Goal(
                String.format(
                        Locale.ROOT,
                        "PostgreSQL, migrate from %,d to %,d migrations: within 1.1x of linear (%.1fx)",
                        small,
                        large,
                        linear),
                String.format(Locale.ROOT, "grew %.1fx", grew),
                grew / linear / 1.1,
                grew <= linear * 1.1));
    }

    /** Whole-process status: bin/strata at most 0.25 s, the fastest runtime image at most 0.15 s. */
    private void startup(List<Goal> goals, Results.Row row) {
        Map<String, Results.Stats> launchers = wall.get(row);
        Optional.ofNullable(launchers.get(StartupWorkload.CHECKOUT))
                .ifPresent(checkout -> goals.add(startupGoal(row, "`bin/strata` on Java 17", checkout, 0.25)));
        launchers.entrySet().stream()
                .filter(launcher -> launcher.getKey().startsWith("image"))
                .min(Comparator.comparingDouble(launcher -> launcher.getValue().median()))
                .ifPresent(image -> goals.add(startupGoal(
                        row, "the runtime " + image.getKey().replace(", ", " of "), image.getValue(), 0.15)));
    }

    private static Goal startupGoal(Results.Row row, String launcher, Results.Stats stats, double limit) {
        return new Goal(
                String.format(
                        Locale.ROOT,
                        "Whole-process `status` on %,d applied migrations, %s: at most %.2f s",
                        row.size(),
                        launcher,
                        limit),
                Report.seconds(stats.median()) + " s",
                stats.median() / limit,
                stats.median() <= limit);
    }

    private List<Results.Row> rowsOf(String workload) {
        return wall.keySet().stream()
                .filter(row -> row.workload().equals(workload))
                .toList();
    }

    private Optional<Results.Stats> stats(String workload, String engine, int size, String contender) {
        return Optional.ofNullable(wall.get(new Results.Row(workload, engine, size)))
                .map(row -> row.get(contender));
    }

    private static Optional<Double> ratio(Map<String, Results.Stats> stats, String numerator, String denominator) {
        if (stats == null || !stats.containsKey(numerator) || !stats.containsKey(denominator)) {
            return Optional.empty();
        }
        double under = stats.get(denominator).median();
        return under > 0 ? Optional.of(stats.get(numerator).median() / under) : Optional.empty();
    }

    /** The table, or nothing when no target's workload ran. */
    String markdown() {
        List<Goal> goals = measured();
        if (goals.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder(
                "\nTargets, each against this run's medians (wall-clock; \"against the limit\" is the measured"
                        + " value divided by the target's, so 1.00x or less meets it):\n\n"
                        + "| Target | Measured | Against the limit | |\n|---|---|---|---|\n");
        for (Goal goal : goals) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.2fx | %s |%n",
                    goal.target(),
                    goal.measured(),
                    goal.ratio(),
                    goal.met() ? "met" : "**not met**"));
        }
        return md.append('\n').toString();
    }
}
