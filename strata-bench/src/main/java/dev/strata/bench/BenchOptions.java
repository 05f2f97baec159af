package dev.strata.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one benchmark run measures, from the command line of {@code bench/run}.
 *
 * @param sizes          migration counts of the migrate workloads
 * @param rounds         rounds per workload up to 1,000 migrations
 * @param largeRounds    rounds per workload above 1,000 migrations
 * @param engines        {@code sqlite}, {@code postgres}
 * @param contenders     {@code strata}, {@code flyway}, {@code liquibase}, {@code floor}
 * @param workloads      {@code migrate}, {@code migrate-disk} (the smallest size on SQLite files on
 *                       disk, where a commit waits for its flush), {@code history} (status and validate),
 *                       {@code process},
 *                       {@code lint}, {@code rebuild}, {@code d1}, {@code junit} (a fresh database per JUnit test),
 *                       {@code startup} (the release packages' start-up), {@code backfill} (a batched
 *                       backfill against one UPDATE), {@code schema-growth} (the floor's time per
 *                       migration as the schema grows)
 * @param historySize    how many applied migrations status and validate read
 * @param processSize    how many migrations the whole-process runs handle
 * @param lintSize       how many files the lint workload lints
 * @param rebuildRows    how many rows the rebuilt table holds
 * @param backfillRows   how many rows the backfill workload updates
 * @param d1Size         how many migrations the d1 workload applies over the D1 test endpoint
 * @param junitSize      how many migrations the junit workload's database holds
 * @param packages       folders holding release packages for the startup workload
 * @param sqlite3        the sqlite3 shell the rebuild is compared with
 * @param root           the source checkout (for bin/strata)
 * @param out            where results are written
 * @param work           a scratch folder for generated migrations
 * @param sqliteDir      where the SQLite files are made; a RAM-backed folder measures the tools, a
 *                       disk measures mostly its flush latency, which every tool pays alike
 */
// The Javadoc names command-line values (sqlite), not parameters, which the check takes for misspellings.
@SuppressWarnings("InvalidParam")
public record BenchOptions(
        List<Integer> sizes,
        int rounds,
        int largeRounds,
        List<String> engines,
        List<String> contenders,
        List<String> workloads,
        int historySize,
        int processSize,
        int lintSize,
        int rebuildRows,
        int backfillRows,
        int d1Size,
        int junitSize,
        List<Path> packages,
        String sqlite3,
        Path root,
        Path out,
        Path work,
        Path sqliteDir) {

    public static final String USAGE = String.join(
            "\n",
            "Usage: bench/run [--sizes 500,5000] [--rounds 5] [--large-rounds 3]",
            "                 [--engines sqlite,postgres] [--contenders strata,flyway,liquibase,floor]",
            "                 [--workloads migrate,migrate-disk,history,process,startup,lint,shadow-dump,",
            "                              shadow-check,rebuild,d1,junit,backfill,schema-growth]",
            "                 [--history-size 5000]",
            "                 [--process-size 500] [--lint-size 1000] [--rebuild-rows 10000000] [--d1-size 100]",
            "                 [--backfill-rows 1000000]",
            "                 [--junit-size 100]",
            "                 [--sqlite3 sqlite3] [--out bench/results] [--work DIR] [--sqlite-dir DIR]",
            "                 [--packages DIR,...]",
            "                 [--quick]",
            "",
            "--quick runs every workload once with tiny sizes: a check that everything works,",
            "not a measurement.");

    /** What {@code bench/run} measures when no {@code --workloads} is given: everything, in one run. */
    static final List<String> DEFAULT_WORKLOADS = List.of(
            "migrate",
            "migrate-disk",
            "history",
            "process",
            "startup",
            "lint",
            "shadow-dump",
            ShadowCheckWorkload.NAME,
            "rebuild",
            "d1",
            "junit",
            "backfill",
            SchemaGrowthWorkload.NAME);

    public BenchOptions {
        sizes = List.copyOf(sizes);
        engines = List.copyOf(engines);
        contenders = List.copyOf(contenders);
        workloads = List.copyOf(workloads);
        packages = List.copyOf(packages);
    }

    public int roundsFor(int size) {
        return size > 1000 ? largeRounds : rounds;
    }

    public static BenchOptions parse(String... args) {
        List<Integer> sizes = List.of(500, 5000);
        int rounds = 5;
        int largeRounds = 3;
        List<String> engines = List.of("sqlite", "postgres");
        List<String> contenders = List.of("strata", "flyway", "liquibase", "floor");
        List<String> workloads = DEFAULT_WORKLOADS;
        int historySize = 5000;
        int processSize = 500;
        int lintSize = 1000;
        int rebuildRows = 10_000_000;
        int backfillRows = 1_000_000;
        int d1Size = 100;
        int junitSize = 100;
        List<Path> packages = new java.util.ArrayList<>();
        String sqlite3 = "sqlite3";
        Path root = Path.of("").toAbsolutePath();
        Path out = null;
        Path work = null;
        Path sqliteDir = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--quick")) {
                sizes = List.of(20, 40);
                rounds = 1;
                largeRounds = 1;
                historySize = 40;
                processSize = 20;
                lintSize = 20;
                rebuildRows = 10_000;
                backfillRows = 10_000;
                d1Size = 10;
                junitSize = 10;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + option + "\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--sizes" ->
                    sizes = Arrays.stream(value.split(","))
                            .map(Integer::valueOf)
                            .toList();
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--large-rounds" -> largeRounds = Integer.parseInt(value);
                case "--engines" -> engines = List.of(value.split(","));
                case "--contenders" -> contenders = List.of(value.split(","));
                case "--workloads" -> workloads = List.of(value.split(","));
                case "--history-size" -> historySize = Integer.parseInt(value);
                case "--process-size" -> processSize = Integer.parseInt(value);
                case "--lint-size" -> lintSize = Integer.parseInt(value);
                case "--rebuild-rows" -> rebuildRows = Integer.parseInt(value.replace("_", ""));
                case "--backfill-rows" -> backfillRows = Integer.parseInt(value.replace("_", ""));
                case "--d1-size" -> d1Size = Integer.parseInt(value);
                case "--junit-size" -> junitSize = Integer.parseInt(value);
                case "--packages" ->
                    Arrays.stream(value.split(",")).map(Path::of).forEach(packages::add);
                case "--sqlite3" -> sqlite3 = value;
                case "--root" -> root = Path.of(value).toAbsolutePath();
                case "--out" -> out = Path.of(value).toAbsolutePath();
                case "--work" -> work = Path.of(value).toAbsolutePath();
                case "--sqlite-dir" -> sqliteDir = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        Path workDir = work == null ? root.resolve("strata-bench/target/work") : work;
        List<Path> packageFolders = Stream.concat(Stream.of(root.resolve("strata-dist/target")), packages.stream())
                .toList();
        return new BenchOptions(
                sizes,
                rounds,
                largeRounds,
                engines,
                contenders,
                workloads,
                historySize,
                processSize,
                lintSize,
                rebuildRows,
                backfillRows,
                d1Size,
                junitSize,
                packageFolders,
                sqlite3,
                root,
                out == null ? root.resolve("bench/results") : out,
                workDir,
                sqliteDir == null ? workDir.resolve("sqlite") : sqliteDir);
    }
}
