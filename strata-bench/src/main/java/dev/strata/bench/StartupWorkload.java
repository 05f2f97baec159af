package dev.strata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start-up of each way strata is installed, whole process, on the same SQLite database where the
 * process-size set is applied: {@code bin/strata} of the checkout against the release packages
 * (the plain one on the java of the PATH, and each runtime image found), unpacked here as a user
 * would. Also records each installation's size on disk. The packages come from
 * {@code strata-dist/target} (built by {@code mvn package}), and from every other folder given
 * with {@code --packages}, e.g. one built with {@code -Dstrata.runtime.jdk} pointing at a newer JDK.
 */
final class StartupWorkload implements Workload {

    static final String NAME = "status (start-up)";
    static final String CHECKOUT = "bin/strata";

    @Override
    public String id() {
        return "startup";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        Map<String, Path> launchers = new LinkedHashMap<>();
        launchers.put(CHECKOUT, context.options().root().resolve("bin/strata"));
        for (Path folder : context.options().packages()) {
            unpackAll(context, folder, launchers);
        }
        if (launchers.size() == 1) {
            throw new IllegalStateException("no release package found in "
                    + context.options().packages() + "; build them with mvn -B package -pl strata-dist -am");
        }
        int size = context.options().processSize();
        MigrationSet set = context.migrations(size);
        Engine engine = context.engine("sqlite");
        Target applied = engine.fresh();
        context.contender("strata").migrate(applied, set);
        List<String> names = new ArrayList<>(launchers.keySet());
        for (String name : names) {
            status(launchers.get(name), set, applied); // the file cache, and bin/strata's own launch cache
        }
        for (int round = 1; round <= context.options().roundsFor(size); round++) {
            int shift = round % names.size();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + shift) % names.size());
                double[] times = status(launchers.get(name), set, applied);
                context.results().add(new Sample(NAME, "sqlite", size, name, round, times[0], times[1]));
            }
        }
        engine.drop(applied);
        for (Map.Entry<String, Path> launcher : launchers.entrySet()) {
            if (!launcher.getKey().equals(CHECKOUT)) {
                Path home = launcher.getValue().getParent().getParent();
                context.note(String.format(
                        java.util.Locale.ROOT,
                        "Installed size of %s: %.1f MB.",
                        launcher.getKey(),
                        sizeOf(home) / 1e6));
            }
        }
    }

    /** Unpacks each strata-*.tar.gz of FOLDER into the work folder, naming it by its runtime. */
    private static void unpackAll(BenchContext context, Path folder, Map<String, Path> launchers) throws Exception {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> tarballs;
        try (Stream<Path> files = Files.list(folder)) {
            tarballs = files.filter(file -> file.getFileName().toString().matches("strata-.*\\.tar\\.gz"))
                    .sorted()
                    .toList();
        }
        for (Path tarball : tarballs) {
            Path into = Files.createDirectories(context.work()
                    .resolve("packages")
                    .resolve(Integer.toHexString(
                            tarball.toAbsolutePath().toString().hashCode())));
            exec(List.of("tar", "-xzf", tarball.toString(), "-C", into.toString()));
            Path home;
            try (Stream<Path> unpacked = Files.list(into)) {
                home = unpacked.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            Path release = home.resolve("runtime/release");
            String label = Files.exists(release)
                    ? "image, Java "
                            + Files.readAllLines(release).stream()
                                    .filter(line -> line.startsWith("JAVA_VERSION="))
                                    .findFirst()
                                    .orElse("JAVA_VERSION=?")
                                    .substring("JAVA_VERSION=".length())
                                    .replace("\"", "")
                            + (Files.exists(home.resolve("lib/strata.aot")) ? " + AOT cache" : "")
                    : "package, java on PATH";
            launchers.putIfAbsent(label, home.resolve("bin/strata"));
        }
    }

    /**
     * Wall-clock and CPU seconds (user and system, of the process and its children) of one {@code status}.
     * The CPU time comes from GNU time, when installed (else NaN); its own start is in both.
     */
    private static double[] status(Path launcher, MigrationSet set, Target target) throws Exception {
        List<String> command =
                List.of(launcher.toString(), "-C", set.root().toString(), "--url", target.strataUrl(), "status");
        Path cpu = Files.createTempFile("strata-bench", ".cpu");
        try {
            boolean timed = Files.isExecutable(TIME);
            List<String> run = new ArrayList<>();
            if (timed) {
                run.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", cpu.toString()));
            }
            run.addAll(command);
            long started = System.nanoTime();
            exec(run);
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = Double.NaN;
            if (timed) {
                String[] userSystem = Files.readString(cpu).trim().split("\\s+", -1);
                cpuSeconds = Double.parseDouble(userSystem[0]) + Double.parseDouble(userSystem[1]);
            }
            return new double[] {seconds, cpuSeconds};
        } finally {
            Files.deleteIfExists(cpu);
        }
    }

    private static final Path TIME = Path.of("/usr/bin/time");

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("strata-bench", ".log");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().remove("DATABASE_URL");
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "failed: " + String.join(" ", command) + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static long sizeOf(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }
}
