package dev.strata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a run's results: a Markdown page (the tables the README shows) and a CSV of every sample,
 * both headed by the machine, the date and the versions. Each run writes {@code latest.md} and
 * {@code latest.csv} and a dated copy of both.
 */
final class Report {

    private static final List<String> IN_PROCESS =
            List.of("strata", StrataContender.SINGLE, "flyway", "liquibase", "floor");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final BenchContext context;
    private final Machine machine;
    private final ZonedDateTime when;
    private final Map<String, String> versions;
    private final double loadAtStart;

    Report(
            BenchContext context,
            Machine machine,
            ZonedDateTime when,
            Map<String, String> versions,
            double loadAtStart) {
        this.context = context;
        this.machine = machine;
        this.when = when.withZoneSameInstant(ZoneOffset.UTC);
        this.versions = versions;
        this.loadAtStart = loadAtStart;
    }

    /** Writes the files; returns the Markdown file written. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String markdown = markdown();
        String csv = csv();
        Files.writeString(dir.resolve("latest.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("latest.csv"), csv, StandardCharsets.UTF_8);
        String stamp = STAMP.format(when);
        Files.writeString(dir.resolve(stamp + ".md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(stamp + ".csv"), csv, StandardCharsets.UTF_8);
        return dir.resolve("latest.md");
    }

    String markdown() {
        Results results = context.results();
        Map<Results.Row, Map<String, Results.Stats>> summary = results.summary();
        Map<Results.Row, Map<String, Results.Stats>> cpu = results.cpuSummary();
        StringBuilder md = new StringBuilder();
        md.append("Measured ")
                .append(SHOWN.format(when))
                .append(" on ")
                .append(machine.describe())
                .append(String.format(
                        Locale.ROOT,
                        "; load average %.1f at the start, %.1f at the end",
                        loadAtStart,
                        Machine.loadAverage()))
                .append(".\n\n");
        md.append("Versions: ").append(String.join(", ", versions.values())).append(".\n\n");
        md.append("One JVM; a fresh database for every run; the same generated files for every contender;"
                        + " contenders alternated over ")
                .append(roundsText())
                .append(" after an untimed warm-up."
                        + " Times are medians in seconds, the range (fastest-slowest) in brackets.")
                .append(storage())
                .append("\n\n");
        md.append(new Goals(summary, cpu, context.options(), sqliteFileSystem()).markdown());

        List<String[]> inProcess = new ArrayList<>();
        List<String[]> process = new ArrayList<>();
        List<String[]> others = new ArrayList<>();
        List<String[]> freshPerTest = new ArrayList<>();
        List<String[]> startup = new ArrayList<>();
        List<String[]> d1 = new ArrayList<>();
        List<String[]> backfill = new ArrayList<>();
        for (Map.Entry<Results.Row, Map<String, Results.Stats>> entry : summary.entrySet()) {
            Results.Row row = entry.getKey();
            Map<String, Results.Stats> stats = entry.getValue();
            if (row.workload().equals(ShadowCheckWorkload.CHECK)
                    || row.workload().equals(ShadowCheckWorkload.LINT_PENDING)) {
                others.add(new String[] {
                    "`strata " + row.workload().replace(" (crates.io)", "") + "` (crates.io)",
                    row.engine(),
                    count(row.size()) + " files",
                    cell(stats.get("strata")),
                    cell(stats.get(ShadowDumpWorkload.PSQL)),
                    ratio(stats, "strata", ShadowDumpWorkload.PSQL)
                });
            } else if (row.workload().startsWith("lint")) {
                others.add(new String[] {
                    "`strata " + row.workload() + "`",
                    row.engine(),
                    count(row.size()) + " files",
                    cell(stats.get("strata")),
                    "-",
                    "-"
                });
            } else if (row.workload().equals(RebuildWorkload.NAME)) {
                others.add(new String[] {
                    "table rebuild (`strata alter --type`)",
                    row.engine(),
                    count(row.size()) + " rows",
                    cell(stats.get("strata")),
                    cell(stats.get(RebuildWorkload.SHELL)),
                    ratio(stats, "strata", RebuildWorkload.SHELL)
                });
            } else if (row.workload().equals(ShadowDumpWorkload.NAME)) {
                others.add(new String[] {
                    "`strata dump --from-migrations` (crates.io)",
                    row.engine(),
                    count(row.size()) + " files",
                    cell(stats.get("strata")),
                    cell(stats.get(ShadowDumpWorkload.PSQL)),
                    ratio(stats, "strata", ShadowDumpWorkload.PSQL)
                });
            } else if (row.workload().equals(BackfillWorkload.NAME)) {
                backfill.add(new String[] {
                    row.engine(),
                    count(row.size()),
                    cell(stats.get(BackfillWorkload.BATCHED)),
                    cell(stats.get(BackfillWorkload.ONE_UPDATE)),
                    ratio(stats, BackfillWorkload.BATCHED, BackfillWorkload.ONE_UPDATE),
                    rowsPerSecond(row.size(), stats.get(BackfillWorkload.BATCHED)),
                    rowsPerSecond(row.size(), stats.get(BackfillWorkload.ONE_UPDATE))
                });
            } else if (row.workload().equals(D1Workload.NAME)) {
                d1.add(new String[] {
                    "migrate",
                    count(row.size()),
                    cell(stats.get("strata")),
                    cell(stats.get(D1Workload.WRANGLER)),
                    ratio(stats, "strata", D1Workload.WRANGLER)
                });
            } else if (row.workload().equals(StartupWorkload.NAME)) {
                Map<String, Results.Stats> startupCpu = cpu.getOrDefault(row, Map.of());
                stats.forEach((launcher, launcherStats) -> startup.add(new String[] {
                    launcher,
                    count(row.size()),
                    cell(launcherStats),
                    ratio(stats, launcher, StartupWorkload.CHECKOUT),
                    cell(startupCpu.get(launcher)),
                    ratio(startupCpu, launcher, StartupWorkload.CHECKOUT)
                }));
            } else if (row.workload().equals(FreshDatabaseWorkload.NAME)) {
                freshPerTest.add(new String[] {
                    row.engine(),
                    count(row.size()),
                    millis(stats.get(FreshDatabaseWorkload.TEMPLATE)),
                    millis(stats.get(FreshDatabaseWorkload.REMIGRATE)),
                    ratio(stats, FreshDatabaseWorkload.TEMPLATE, FreshDatabaseWorkload.REMIGRATE)
                });
            } else if (row.workload().endsWith("(process)")) {
                process.add(new String[] {
                    row.workload().replace(" (process)", ""),
                    row.engine(),
                    count(row.size()),
                    cell(stats.get("strata")),
                    cell(stats.get("flyway")),
                    ratio(stats, "strata", "flyway")
                });
            } else {
                List<String> cells = new ArrayList<>(List.of(row.workload(), row.engine(), count(row.size())));
                IN_PROCESS.forEach(contender -> cells.add(cell(stats.get(contender))));
                cells.add(ratio(stats, "strata", "floor"));
                cells.add(ratio(stats, StrataContender.SINGLE, "floor"));
                cells.add(ratio(cpu.getOrDefault(row, Map.of()), "strata", "floor"));
                cells.add(ratio(cpu.getOrDefault(row, Map.of()), StrataContender.SINGLE, "floor"));
                inProcess.add(cells.toArray(String[]::new));
            }
        }
        if (!inProcess.isEmpty()) {
            md.append("In process (through each tool's Java API):\n\n");
            table(
                    md,
                    new String[] {
                        "Workload",
                        "Engine",
                        "Migrations",
                        "strata",
                        "strata, one transaction",
                        "Flyway",
                        "Liquibase",
                        "floor",
                        "strata / floor",
                        "one transaction / floor",
                        "strata / floor, CPU",
                        "one transaction / floor, CPU"
                    },
                    inProcess);
            md.append("\n\"strata, one transaction\" is `migrate --single-transaction` (migrate only). \"strata /"
                    + " floor, CPU\" compares the CPU time of the thread that ran the tool: it includes SQLite's"
                    + " own work but not PostgreSQL's, and varies much less than wall-clock time on a busy machine.\n");
        }
        List<String[]> growth = growth(summary, cpu);
        if (!growth.isEmpty()) {
            md.append("\nGrowth of migrate time from the smallest size to each larger one (linear growth equals the"
                    + " size ratio; the last three columns compare CPU time of the harness thread):\n\n");
            table(
                    md,
                    new String[] {
                        "Engine",
                        "Sizes",
                        "linear",
                        "strata",
                        "strata, one transaction",
                        "Flyway",
                        "Liquibase",
                        "floor",
                        "strata, CPU",
                        "one transaction, CPU",
                        "floor, CPU"
                    },
                    growth);
        }
        if (!process.isEmpty()) {
            md.append(
                    "\nWhole process, JVM start included (`bin/strata` against Flyway's API in a JVM of its own):\n\n");
            table(md, new String[] {"Command", "Engine", "Migrations", "strata", "Flyway", "strata / Flyway"}, process);
        }
        if (!others.isEmpty()) {
            md.append("\nLint, the shadow database and table rebuild (strata alone for lint: no other contender"
                    + " lints; \"statements\" reads the files only, \"shadow\" also runs every migration on a"
                    + " throwaway database). The other tool is the sqlite3 shell for the rebuild and psql"
                    + " applying the same files for the crates.io rows:\n\n");
            table(
                    md,
                    new String[] {"Workload", "Engine", "Size", "strata", "other tool", "strata / other tool"},
                    others);
        }
        if (!d1.isEmpty()) {
            md.append("\nRemote D1 over the REST API, on the D1 test endpoint (a Worker on real local D1 under"
                    + " `wrangler dev`, on loopback: no network latency), whole processes: `bin/strata migrate` against"
                    + " `wrangler d1 migrations apply --remote`, each on the emptied database:\n\n");
            table(md, new String[] {"Command", "Migrations", "strata", "wrangler", "strata / wrangler"}, d1);
        }
        if (!backfill.isEmpty()) {
            md.append("\nA batched backfill (`-- strata:backfill batch=" + BackfillWorkload.BATCH + " pause=0ms`,"
                    + " each batch committed with its progress row) against the same UPDATE as one statement, both"
                    + " through `strata migrate`:\n\n");
            table(
                    md,
                    new String[] {
                        "Engine",
                        "Rows",
                        "batched",
                        "one UPDATE",
                        "batched / one UPDATE",
                        "rows/s batched",
                        "rows/s one UPDATE"
                    },
                    backfill);
        }
        if (!startup.isEmpty()) {
            md.append(
                    "\nStart-up of each installation, whole process: `status` on a SQLite database with every migration"
                            + " applied (seconds; CPU is the process's user and system time, which the machine's"
                            + " load sways far less than the wall clock):\n\n");
            table(
                    md,
                    new String[] {
                        "Installation", "Migrations", "status", "against bin/strata", "CPU", "CPU against bin/strata"
                    },
                    startup);
        }
        if (!freshPerTest.isEmpty()) {
            md.append("\nA fresh migrated database in every JUnit test (real test classes run by the JUnit launcher;"
                    + " per test, from its start to its end event, median over the tests of a class after the first,"
                    + " which pays for the template; milliseconds):\n\n");
            table(
                    md,
                    new String[] {
                        "Engine",
                        "Migrations",
                        "strata-junit (template copy)",
                        "re-migrate each test",
                        "template / re-migrate"
                    },
                    freshPerTest);
        }
        for (String note : context.notes()) {
            md.append('\n').append(note).append('\n');
        }
        return md.toString();
    }

    /** Rows per second at the median time. */
    private static String rowsPerSecond(int rows, Results.Stats stats) {
        return stats == null || stats.median() <= 0 ? "-" : String.format(Locale.ROOT, "%,.0f", rows / stats.median());
    }

    String csv() {
        StringBuilder csv = new StringBuilder(
                "date,machine,workload,engine,migrations,contender,version,round,seconds,cpu_seconds\n");
        for (Sample sample : context.results().samples()) {
            csv.append(String.join(
                            ",",
                            List.of(
                                    when.toInstant().toString(),
                                    quote(machine.describe()),
                                    quote(sample.workload()),
                                    sample.engine(),
                                    String.valueOf(sample.size()),
                                    sample.contender(),
                                    quote(versions.getOrDefault(sample.contender(), "")),
                                    String.valueOf(sample.round()),
                                    String.format(Locale.ROOT, "%.4f", sample.seconds()),
                                    Double.isNaN(sample.cpuSeconds())
                                            ? ""
                                            : String.format(Locale.ROOT, "%.4f", sample.cpuSeconds()))))
                    .append('\n');
        }
        return csv.toString();
    }

    private String sqliteFileSystem() {
        return context.startedEngines().get("sqlite") instanceof SqliteEngine sqlite ? sqlite.fileSystem() : "-";
    }

    private String storage() {
        StringBuilder text = new StringBuilder();
        if (context.startedEngines().get("sqlite") instanceof SqliteEngine sqlite) {
            text.append(" SQLite files on a ").append(sqlite.fileSystem()).append(" file system.");
        }
        if (context.startedEngines().containsKey("postgres")) {
            text.append(" PostgreSQL embedded, fsync and synchronous_commit off.");
        }
        return text.toString();
    }

    private String roundsText() {
        BenchOptions options = context.options();
        return options.rounds() == options.largeRounds()
                ? options.rounds() + " rounds"
                : options.rounds() + " rounds (" + options.largeRounds() + " above 1,000 migrations)";
    }

    /** Contenders whose CPU-time growth the growth table shows beside the wall-clock growth. */
    private static final List<String> GROWTH_CPU = List.of("strata", StrataContender.SINGLE, "floor");

    /**
     * Each larger size against the smallest, per engine: how many times the median migrate time grew
     * (wall-clock, then CPU time of the harness thread), beside the size ratio that linear growth
     * would give.
     */
    private List<String[]> growth(
            Map<Results.Row, Map<String, Results.Stats>> summary, Map<Results.Row, Map<String, Results.Stats>> cpu) {
        List<Integer> sizes = context.options().sizes().stream().sorted().toList();
        List<String[]> rows = new ArrayList<>();
        if (sizes.size() < 2) {
            return rows;
        }
        int small = sizes.get(0);
        for (String engine : context.options().engines()) {
            Results.Row smallRow = new Results.Row("migrate", engine, small);
            for (int large : sizes.subList(1, sizes.size())) {
                Results.Row largeRow = new Results.Row("migrate", engine, large);
                if (summary.get(smallRow) == null || summary.get(largeRow) == null) {
                    continue;
                }
                List<String> cells = new ArrayList<>(List.of(
                        engine,
                        count(small) + " → " + count(large),
                        String.format(Locale.ROOT, "%.1fx", large / (double) small)));
                for (String contender : IN_PROCESS) {
                    cells.add(grew(summary.get(smallRow), summary.get(largeRow), contender));
                }
                for (String contender : GROWTH_CPU) {
                    cells.add(grew(
                            cpu.getOrDefault(smallRow, Map.of()), cpu.getOrDefault(largeRow, Map.of()), contender));
                }
                rows.add(cells.toArray(String[]::new));
            }
        }
        return rows;
    }

    private static String grew(Map<String, Results.Stats> a, Map<String, Results.Stats> b, String contender) {
        return a.containsKey(contender)
                        && b.containsKey(contender)
                        && a.get(contender).median() > 0
                ? String.format(
                        Locale.ROOT,
                        "%.1fx",
                        b.get(contender).median() / a.get(contender).median())
                : "-";
    }

    private static String ratio(Map<String, Results.Stats> stats, String numerator, String denominator) {
        Results.Stats n = stats.get(numerator);
        Results.Stats d = stats.get(denominator);
        return n == null || d == null || d.median() == 0
                ? "-"
                : String.format(Locale.ROOT, "%.2fx", n.median() / d.median());
    }

    private static String cell(Results.Stats stats) {
        return Optional.ofNullable(stats)
                .map(s -> String.format(
                        Locale.ROOT, "%s (%s-%s)", seconds(s.median()), seconds(s.min()), seconds(s.max())))
                .orElse("-");
    }

    private static String millis(Results.Stats stats) {
        return Optional.ofNullable(stats)
                .map(s -> String.format(
                        Locale.ROOT, "%.1f (%.1f-%.1f)", s.median() * 1000, s.min() * 1000, s.max() * 1000))
                .orElse("-");
    }

    /** Seconds as the tables show them: three decimals below one second, two above. */
    static String seconds(double seconds) {
        return seconds < 1 ? String.format(Locale.ROOT, "%.3f", seconds) : String.format(Locale.ROOT, "%.2f", seconds);
    }

    private static String count(int size) {
        return String.format(Locale.ROOT, "%,d", size);
    }

    private static void table(StringBuilder md, String[] header, List<String[]> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        md.append("---|".repeat(header.length)).append('\n');
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /** Versions for the header, contenders first, then engines. */
    static Map<String, String> versions(BenchContext context) {
        Map<String, String> versions = new LinkedHashMap<>();
        context.contenders().forEach(c -> versions.put(c.name(), c.version()));
        context.startedEngines().values().forEach(e -> versions.put(e.name(), e.version()));
        return versions;
    }
}
