package dev.strata.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the packaged strata jar as a separate process, as a user's shell would.
 *
 * <p>The process-level tests start a few hundred JVMs, so the child JVM is tuned for a short life
 * (C1 only, serial GC) and shares a class-data archive built once per test run: start-up cost only,
 * nothing that changes what strata does.
 */
final class StrataProcess {

    /** How long any single strata run may take before the harness calls it hung. */
    static final long TIMEOUT_SECONDS = 300;

    private static Optional<Path> classArchive;

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
        classArchive().ifPresent(archive -> command.add("-XX:SharedArchiveFile=" + archive));
        command.add("-jar");
        command.add(jar().toString());
        return command;
    }

    /**
     * A class-data archive of the classes a typical run loads, made once per jar by a dry run on a
     * throwaway SQLite file; empty (and never retried) when the JVM can't make one.
     */
    private static synchronized Optional<Path> classArchive() throws IOException {
        if (classArchive == null) {
            classArchive = Optional.empty();
            Path jar = jar();
            Path archive = jar.resolveSibling(
                    "strata-cds-" + Files.getLastModifiedTime(jar).toMillis() + ".jsa");
            if (!Files.exists(archive)) {
                Path scratch = Files.createTempDirectory("strata-cds");
                Files.createDirectories(scratch.resolve("migrations"));
                Files.writeString(scratch.resolve("migrations/0001_t.sql"), "CREATE TABLE t (n INTEGER);");
                Process process = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-XX:TieredStopAtLevel=1",
                                "-XX:+UseSerialGC",
                                "-XX:ArchiveClassesAtExit=" + archive,
                                "-jar",
                                jar.toString(),
                                "--url",
                                "sqlite:cds.db",
                                "migrate")
                        .directory(scratch.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(scratch.resolve("log").toFile())
                        .start();
                try {
                    process.waitFor(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    deleteTree(scratch);
                }
            }
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                classArchive = Optional.of(archive);
            }
        }
        return classArchive;
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
