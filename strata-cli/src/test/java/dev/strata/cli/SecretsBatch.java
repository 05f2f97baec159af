package dev.strata.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs many strata command lines in one separate JVM, one after the other, each with its own working
 * directory, environment and output files, as {@link Main} would run each of them.
 *
 * <p>{@link SecretsIT} runs every command with every password source; a JVM per combination spent most
 * of the suite's time starting JVMs. One process per command that tries every source in turn keeps
 * every check: each run still gets its own stdout, stderr, exit code and project folder, and what the
 * process itself prints outside the runs (a driver writing to the console directly) is checked too.
 */
final class SecretsBatch {

    /** One command line: where it runs, the variables it adds, its arguments. */
    record Run(Path workingDir, Map<String, String> environment, List<String> args) {}

    /** What every run printed, in order, and what the process printed outside them. */
    record Result(List<StrataProcess.Finished> runs, StrataProcess.Finished process) {}

    private static final String SEPARATOR = "\0";

    private SecretsBatch() {}

    /** Runs {@code runs} in one JVM started from the packaged jar, in a folder of its own under {@code work}. */
    static Result run(Path work, List<Run> runs) throws IOException, InterruptedException {
        Path batch = Files.createTempDirectory(Files.createDirectories(work), "batch");
        // The process's own folder: anything written relative to it instead of a run's folder is checked too.
        Path cwd = Files.createDirectories(batch.resolve("cwd"));
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            Path dir = Files.createDirectories(batch.resolve(String.valueOf(i)));
            Files.writeString(
                    dir.resolve("dir"), run.workingDir().toAbsolutePath().toString());
            Files.writeString(dir.resolve("args"), String.join(SEPARATOR, run.args()));
            List<String> env = new ArrayList<>();
            run.environment().forEach((key, value) -> env.add(key + "=" + value));
            Files.writeString(dir.resolve("env"), String.join(SEPARATOR, env));
        }
        String classPath = StrataProcess.jar() + File.pathSeparator + testClasses();
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        classPath,
                        SecretsBatch.class.getName(),
                        batch.toString(),
                        String.valueOf(runs.size()))
                .directory(cwd.toFile())
                .redirectOutput(batch.resolve("out").toFile())
                .redirectError(batch.resolve("err").toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("STRATA_DEBUG");
        Process process = builder.start();
        long timeout = StrataProcess.TIMEOUT_SECONDS * Math.max(1, runs.size());
        if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("a batch of " + runs.size() + " strata runs did not finish in " + timeout
                    + " s; stderr so far:\n" + StrataProcess.read(batch.resolve("err")));
        }
        StrataProcess.Finished whole = new StrataProcess.Finished(
                process.exitValue(),
                StrataProcess.read(batch.resolve("out")),
                StrataProcess.read(batch.resolve("err")));
        if (whole.exitCode() != 0) {
            throw new IllegalStateException(
                    "the batch process failed (exit " + whole.exitCode() + "):\n" + whole.output());
        }
        List<StrataProcess.Finished> finished = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Path dir = batch.resolve(String.valueOf(i));
            finished.add(new StrataProcess.Finished(
                    Integer.parseInt(Files.readString(dir.resolve("exit")).strip()),
                    StrataProcess.read(dir.resolve("out")),
                    StrataProcess.read(dir.resolve("err"))));
        }
        // Files a run wrote outside its own folder: their names and contents are checked like output.
        StringBuilder stray = new StringBuilder();
        try (var files = Files.walk(cwd)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                stray.append(cwd.relativize(file))
                        .append('\n')
                        .append(StrataProcess.read(file))
                        .append('\n');
            }
        }
        StrataProcess.deleteTree(batch);
        return new Result(finished, new StrataProcess.Finished(0, whole.stdout() + stray, whole.stderr()));
    }

    private static Path testClasses() {
        try {
            return Path.of(SecretsBatch.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The separate process: {@code main(batchFolder, count)}, as {@link Main} does for each run. */
    public static void main(String[] args) throws IOException {
        java.util.logging.LogManager.getLogManager().reset();
        Path batch = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        for (int i = 0; i < count; i++) {
            Path dir = batch.resolve(String.valueOf(i));
            Path workingDir = Path.of(Files.readString(dir.resolve("dir")));
            String[] command = Files.readString(dir.resolve("args")).split(SEPARATOR, -1);
            Map<String, String> env = new HashMap<>(System.getenv());
            String variables = Files.readString(dir.resolve("env"));
            if (!variables.isEmpty()) {
                for (String variable : variables.split(SEPARATOR, -1)) {
                    int equals = variable.indexOf('=');
                    env.put(variable.substring(0, equals), variable.substring(equals + 1));
                }
            }
            int code;
            try (OutputStream outFile = Files.newOutputStream(dir.resolve("out"));
                    OutputStream errFile = Files.newOutputStream(dir.resolve("err"));
                    PrintWriter out = new PrintWriter(outFile, true, StandardCharsets.UTF_8);
                    PrintWriter err = new PrintWriter(errFile, true, StandardCharsets.UTF_8)) {
                code = new StrataCli(new Console(out, err, Optional.empty()), Map.copyOf(env), workingDir)
                        .run(command.length == 1 && command[0].isEmpty() ? new String[0] : command);
            } catch (RuntimeException e) {
                // Main lets nothing but StrataCli's own exit code out; a throw here is a bug to show in full.
                Files.writeString(
                        dir.resolve("err"),
                        Arrays.toString(e.getStackTrace()) + "\n" + e,
                        java.nio.file.StandardOpenOption.APPEND);
                code = 70;
            }
            Files.writeString(dir.resolve("exit"), String.valueOf(code));
        }
    }
}
