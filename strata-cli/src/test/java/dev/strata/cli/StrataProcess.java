package dev.strata.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the packaged strata jar as a separate process, as a user's shell would. */
final class StrataProcess {

    private StrataProcess() {}

    /** A finished process: exit code and everything it printed. */
    record Finished(int exitCode, String output) {}

    static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("strata-cli-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the shaded jar is missing; run mvn verify"))
                    .toAbsolutePath();
        }
    }

    static Process start(Path workingDir, Map<String, String> environment, Path log, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().putAll(environment);
        return builder.start();
    }

    static Finished run(Path workingDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        File log = File.createTempFile("strata", ".log");
        try {
            Process process = start(workingDir, environment, log.toPath(), args);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("strata did not finish in two minutes");
            }
            return new Finished(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log.toPath());
        }
    }
}
