package dev.strata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The targets table: each target read from the run's medians, judged against its limit. */
class GoalsTest {

    @TempDir
    Path dir;

    @Test
    void eachTargetIsJudgedAgainstItsLimitFromTheMedians() {
        Map<Results.Row, Map<String, Results.Stats>> wall = new LinkedHashMap<>();
        wall.put(row("migrate", "postgres", 500), contenders(StrataContender.SINGLE, 0.6, "floor", 1.0, "strata", 1.0));
        wall.put(row("migrate", "postgres", 5000), contenders("strata", 11.5));
        wall.put(row(LintWorkload.SHADOW, "postgres", 1000), contenders("strata", 12.0));
        wall.put(
                row(ShadowDumpWorkload.NAME, "postgres", 285), contenders("strata", 1.2, ShadowDumpWorkload.PSQL, 1.0));
        wall.put(
                row(StartupWorkload.NAME, "sqlite", 500),
                contenders(StartupWorkload.CHECKOUT, 0.30, "image, Java 17", 0.20, "image, Java 25 + AOT cache", 0.14));

        List<Goals.Goal> goals = new Goals(wall, Map.of(), BenchOptions.parse(), "tmpfs").measured();

        assertThat(goals).extracting(Goals.Goal::met).containsExactly(true, false, false, true, false, true);
        assertThat(goals.get(0).target()).startsWith("PostgreSQL, 500 migrations in one transaction: at most 0.7x");
        assertThat(goals.get(0).measured()).isEqualTo("0.60x the floor");
        assertThat(goals.get(1).measured()).isEqualTo("grew 11.5x"); // 10x is linear; 11x the limit
        assertThat(goals.get(2).ratio()).isEqualTo(1.5);
        assertThat(goals.get(3).measured()).isEqualTo("1.20 s against 1.00 s");
        assertThat(goals.get(5).target()).contains("the runtime image of Java 25 + AOT cache: at most 0.15 s");
    }

    /** A run of two workloads on SQLite shows only their targets, from real runs on tmpfs and on disk. */
    @Test
    void aRunReportsTheTargetsOfWhatItMeasured() throws Exception {
        BenchOptions options = BenchOptions.parse(
                "--quick",
                "--sizes",
                "6,12",
                "--engines",
                "sqlite",
                "--contenders",
                "strata,floor",
                "--workloads",
                "migrate,migrate-disk",
                "--root",
                dir.toString(),
                "--out",
                dir.resolve("results").toString(),
                "--work",
                dir.resolve("work").toString());

        String page = Files.readString(Bench.run(options), StandardCharsets.UTF_8);

        assertThat(page)
                .contains("| Target | Measured | Against the limit |")
                .containsPattern(
                        "\\| SQLite \\(files on disk\\), 6 migrations in one transaction: at most 0.5x the"
                                + " floor \\| [0-9.]+x the floor \\(CPU [0-9.]+x\\) \\| [0-9.]+x \\| (met|\\*\\*not met\\*\\*) \\|")
                .containsPattern("\\| SQLite \\(files on [a-z0-9]+\\), 6 migrations in one transaction")
                .contains("| migrate (file on disk) | sqlite | 6 |")
                .doesNotContain("PostgreSQL,", "`lint` of", "Whole-process `status`");
    }

    private static Results.Row row(String workload, String engine, int size) {
        return new Results.Row(workload, engine, size);
    }

    private static Map<String, Results.Stats> contenders(Object... nameAndMedian) {
        Map<String, Results.Stats> stats = new LinkedHashMap<>();
        for (int i = 0; i < nameAndMedian.length; i += 2) {
            double median = (Double) nameAndMedian[i + 1];
            stats.put((String) nameAndMedian[i], new Results.Stats(median, median, median, 1));
        }
        return stats;
    }
}
