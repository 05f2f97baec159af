package dev.strata.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the packaged strata jar as a separate process, as a user's shell would.
 *
 * <p>The process-level tests start a few hundred JVMs, so the child JVM is tuned for a short life
 * (C1 only, serial GC) and uses a launch cache made once per jar, as bin/strata does: start-up cost
 * only, nothing that changes what strata does.
 */
final class StrataProcess {

    /** How long any single strata run may take before the harness calls it hung. */
    static final long TIMEOUT_SECONDS = 300;

    /** The file whose lock the test JVMs hold while one of them makes the launch cache. */
    private static final String LOCK = "lock";

    private static List<String> launchCacheOptions;

    private StrataProcess() {}

    /** A finished process: exit code and what it printed on each stream. */
    record Finished(int exitCode, String stdout, String stderr) {

        /** Both streams, stdout first. */
        String output() {
            return stdout + stderr;
        }
    }

    /** A started process whose streams go to two files. */
    record Running(Process process, Path stdout, Path stderr) {

        String stderrSoFar() {
            return read(stderr);
        }

        boolean alive() {
            return process.isAlive();
        }

        /** SIGKILL: the JVM gets no chance to run shutdown hooks, close files or roll back. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a SIGKILLed strata process did not die within a minute");
            }
        }

        Finished await() throws InterruptedException {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "strata did not finish in " + TIMEOUT_SECONDS + " s; stderr so far:\n" + read(stderr));
            }
            return new Finished(process.exitValue(), read(stdout), read(stderr));
        }
    }

    static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("strata-cli-.*-all\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the shaded jar is missing; run mvn verify"))
                    .toAbsolutePath();
        }
    }

    /** Starts strata with both streams merged into {@code log}. */
    static Process start(Path workingDir, Map<String, String> environment, Path log, String... args)
            throws IOException {
        ProcessBuilder builder = builder(workingDir, environment, List.of(), List.of(args));
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Starts strata with stdout and stderr in separate files next to {@code logPrefix}. */
    static Running startSplit(Path workingDir, Map<String, String> environment, Path logPrefix, String... args)
            throws IOException {
        return startSplit(workingDir, environment, List.of(), logPrefix, args);
    }

    /**
     * @param shellPrefix shell commands run before strata in the same shell, e.g. {@code ulimit -f 64};
     *                    strata is then started by {@code exec} so the prefix applies to it
     */
    static Running startSplit(
            Path workingDir, Map<String, String> environment, List<String> shellPrefix, Path logPrefix, String... args)
            throws IOException {
        Path out = logPrefix.resolveSibling(logPrefix.getFileName() + ".out");
        Path err = logPrefix.resolveSibling(logPrefix.getFileName() + ".err");
        Process process = builder(workingDir, environment, shellPrefix, List.of(args))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new Running(process, out, err);
    }

    static Finished run(Path workingDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return run(workingDir, environment, List.of(), args);
    }

    static Finished run(Path workingDir, Map<String, String> environment, List<String> shellPrefix, String... args)
            throws IOException, InterruptedException {
        File prefix = File.createTempFile("strata", "");
        Running running = startSplit(workingDir, environment, shellPrefix, prefix.toPath(), args);
        try {
            return running.await();
        } finally {
            Files.deleteIfExists(prefix.toPath());
            Files.deleteIfExists(running.stdout());
            Files.deleteIfExists(running.stderr());
        }
    }

    private static ProcessBuilder builder(
            Path workingDir, Map<String, String> environment, List<String> shellPrefix, List<String> args)
            throws IOException {
        List<String> java = new ArrayList<>(javaCommand());
        java.addAll(args);
        List<String> command;
        if (shellPrefix.isEmpty()) {
            command = java;
        } else {
            // "$@" keeps every argument exactly as given, whatever characters it holds.
            command = new ArrayList<>(List.of("/bin/sh", "-c", String.join("; ", shellPrefix) + "; exec \"$@\"", "sh"));
            command.addAll(java);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        Map<String, String> env = builder.environment();
        env.remove("DATABASE_URL");
        env.remove("STRATA_DEBUG");
        env.putAll(environment);
        return builder;
    }

    private static List<String> javaCommand() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.addAll(launchCacheOptions());
        command.add("-jar");
        command.add(jar().toString());
        return command;
    }

    /**
     * What bin/strata passes to use its launch cache (a class-data archive and SQLite's library
     * extracted once), from a cache made by the same {@link LaunchCache} once per jar in
     * {@code target/it-launch-cache}. Without it every run copies SQLite's library into the temporary
     * folder (about a sixth of a short run's CPU), and a killed run leaves that copy behind. Empty,
     * and never retried, when the cache cannot be made.
     */
    private static synchronized List<String> launchCacheOptions() throws IOException {
        if (launchCacheOptions == null) {
            launchCacheOptions = List.of();
            Path cache = launchCache(jar());
            Path archive = cache.resolve("strata.jsa");
            Path library = cache.resolve("native").resolve(System.mapLibraryName("sqlitejdbc"));
            List<String> options = new ArrayList<>();
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                options.add("-XX:SharedArchiveFile=" + archive);
            }
            if (Files.isRegularFile(library)) {
                options.add("-Dorg.sqlite.lib.path=" + library.getParent());
                options.add("-Dorg.sqlite.lib.name=" + library.getFileName());
                options.add("-Dorg.sqlite.tmpdir=" + library.getParent());
            }
            launchCacheOptions = List.copyOf(options);
        }
        return launchCacheOptions;
    }

    /**
     * The launch cache of this jar, made once under a file lock that the test JVMs of a build share
     * (failsafe's two forks would otherwise each make one, about 2 CPU-seconds each, and keep one),
     * in a folder of its own renamed into place. Caches of older jars are deleted.
     */
    private static Path launchCache(Path jar) throws IOException {
        Path caches = jar.resolveSibling("it-launch-cache");
        Path cache = caches.resolve(Long.toString(Files.getLastModifiedTime(jar).toMillis()));
        if (Files.isDirectory(cache)) {
            return cache;
        }
        Files.createDirectories(caches);
        try (FileChannel lockFile =
                        FileChannel.open(caches.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = lockFile.lock()) {
            if (!Files.isDirectory(cache)) {
                make(jar, caches, cache);
            }
        }
        return cache;
    }

    private static void make(Path jar, Path caches, Path cache) throws IOException {
        try (Stream<Path> old = Files.list(caches)) {
            for (Path folder : old.toList()) {
                String name = folder.getFileName().toString();
                if (!name.equals(LOCK) && !folder.equals(cache)) {
                    deleteTree(folder);
                }
            }
        }
        Path making = Files.createTempDirectory(caches, "making-");
        try {
            Process process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-cp",
                            jar.toString(),
                            LaunchCache.class.getName(),
                            "--cache",
                            making.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(making.resolve("log").toFile())
                    .start();
            if (process.waitFor(120, TimeUnit.SECONDS)) {
                Files.move(making, cache, StandardCopyOption.ATOMIC_MOVE);
            } else {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (Files.exists(making)) {
                deleteTree(making);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The environment of a run, with extra variables; DATABASE_URL is never inherited. */
    static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    static String read(Path file) {
        try {
            // Lenient on purpose: a test must be able to show whatever bytes a process printed.
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
