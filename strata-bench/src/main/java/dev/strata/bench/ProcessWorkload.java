package dev.strata.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Whole processes, JVM start included, as a user or a CI job runs them: {@code bin/strata status}
 * and {@code bin/strata migrate} against the same work done through Flyway's API in a JVM of its
 * own ({@link FlywayProcess}).
 */
final class ProcessWorkload implements Workload {

    /** The jars Flyway's process needs: Flyway, its JSON/TOML and text libraries, the drivers, logging. */
    private static final List<String> FLYWAY_JARS = List.of(
            "flyway-",
            "jackson-",
            "commons-text-",
            "commons-lang3-",
            "sqlite-jdbc-",
            "postgresql-",
            "slf4j-",
            "strata-bench");

    @Override
    public String id() {
        return "process";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int size = context.options().processSize();
        MigrationSet set = context.migrations(size);
        int rounds = context.options().roundsFor(size);
        Contender strata = context.contender("strata");
        Contender flyway = context.contender("flyway");
        for (String engineName : context.options().engines()) {
            Engine engine = context.engine(engineName);
            // status: on a database where the same migrations were applied by the same tool.
            Target strataApplied = engine.fresh();
            strata.migrate(strataApplied, set);
            Target flywayApplied = engine.fresh();
            flyway.migrate(flywayApplied, set);
            run(strataCommand(context, set, strataApplied, "status")); // warm the file cache (and a CDS archive)
            run(flywayCommand(set, flywayApplied, "info"));
            for (int round = 1; round <= rounds; round++) {
                boolean strataFirst = round % 2 == 1;
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn == 0) == strataFirst) {
                        add(
                                context,
                                "status (process)",
                                engineName,
                                size,
                                "strata",
                                round,
                                run(strataCommand(context, set, strataApplied, "status")));
                    } else {
                        add(
                                context,
                                "status (process)",
                                engineName,
                                size,
                                "flyway",
                                round,
                                run(flywayCommand(set, flywayApplied, "info")));
                    }
                }
            }
            engine.drop(strataApplied);
            engine.drop(flywayApplied);
            // migrate: everything, on a fresh database each time.
            for (int round = 1; round <= rounds; round++) {
                boolean strataFirst = round % 2 == 1;
                for (int turn = 0; turn < 2; turn++) {
                    boolean isStrata = (turn == 0) == strataFirst;
                    Target target = engine.fresh();
                    List<String> command = isStrata
                            ? strataCommand(context, set, target, "migrate")
                            : flywayCommand(set, target, "migrate");
                    double seconds = run(command);
                    Checks.applied(context, engineName, target, size, isStrata ? strata : flyway);
                    add(context, "migrate (process)", engineName, size, isStrata ? "strata" : "flyway", round, seconds);
                    engine.drop(target);
                }
            }
        }
    }

    private static void add(
            BenchContext context,
            String workload,
            String engine,
            int size,
            String contender,
            int round,
            double seconds) {
        context.results().add(new Sample(workload, engine, size, contender, round, seconds, Double.NaN));
    }

    private static List<String> strataCommand(BenchContext context, MigrationSet set, Target target, String command) {
        return List.of(
                context.options().root().resolve("bin/strata").toString(),
                "-C",
                set.root().toString(),
                "--url",
                target.strataUrl(),
                command);
    }

    private static List<String> flywayCommand(MigrationSet set, Target target, String command) {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> FLYWAY_JARS.stream()
                                .anyMatch(Path.of(entry).getFileName().toString()::startsWith)
                        || entry.endsWith("classes"))
                .collect(Collectors.joining(File.pathSeparator));
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                FlywayProcess.class.getName(),
                command,
                target.jdbcUrl(),
                target.user() == null ? "-" : target.user(),
                set.dir().toString());
    }

    /** Runs a command to its end; its wall-clock time in seconds. */
    private static double run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("strata-bench", ".log");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().remove("DATABASE_URL");
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("did not finish in 30 minutes: " + String.join(" ", command));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit code " + process.exitValue() + " from "
                        + String.join(" ", command) + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return seconds;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
