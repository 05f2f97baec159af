package dev.strata.bench;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's entry point ({@code bench/run}): strata against Flyway, Liquibase and the plain
 * JDBC floor, in one JVM, on generated migrations. Writes bench/results/latest.md and latest.csv.
 */
public final class Bench {

    private static final int WARM_UP_SIZE = 50;

    private Bench() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path written = run(options);
        System.err.println("bench: results written to " + written);
        System.out.print(java.nio.file.Files.readString(written));
    }

    /** Runs every workload of {@code options}; returns the Markdown file written. */
    public static Path run(BenchOptions options) throws Exception {
        List<Contender> contenders = new ArrayList<>();
        for (String name : options.contenders()) {
            contenders.add(
                    switch (name) {
                        case "strata" -> new StrataContender();
                        case "flyway" -> new FlywayContender();
                        case "liquibase" -> new LiquibaseContender();
                        case "floor" -> new FloorContender();
                        default -> throw new IllegalArgumentException("unknown contender " + name);
                    });
        }
        List<Workload> workloads =
                options.workloads().stream().map(Workloads::byId).toList();
        ZonedDateTime started = ZonedDateTime.now(java.time.ZoneOffset.UTC);
        double load = Machine.loadAverage();
        try (BenchContext context = new BenchContext(options, contenders)) {
            warmUp(context);
            for (Workload workload : workloads) {
                workload.run(context);
            }
            return new Report(context, Machine.current(), started, Report.versions(context), load).write(options.out());
        }
    }

    /** One untimed run of everything per contender and engine, so that no one pays for class loading or JIT in round 1. */
    private static void warmUp(BenchContext context) throws Exception {
        MigrationSet set = context.migrations(WARM_UP_SIZE);
        for (String engineName : context.options().engines()) {
            Engine engine = context.engine(engineName);
            for (Contender contender : context.contenders()) {
                Target target = engine.fresh();
                contender.migrate(target, set);
                Checks.applied(context, engineName, target, WARM_UP_SIZE, contender);
                contender.validate(target, set);
                engine.drop(target);
            }
        }
    }
}
