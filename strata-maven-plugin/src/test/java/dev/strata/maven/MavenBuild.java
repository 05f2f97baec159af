package dev.strata.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Maven build of one sample project of {@code src/it}, copied to a folder of its own with
 * this plugin's version filled in. Its local repository is the one {@code invoker:install} filled
 * with this plugin and the modules it needs; everything else (BOMs, drivers) it reads from the
 * outer build's repository, through a mirror of every remote, so it reaches no network and never
 * writes to the user's repository.
 */
final class MavenBuild {

    private static final Path SAMPLES = Path.of("src", "it");

    /** What one {@code mvn} run printed, and how it ended. */
    record Result(int exitCode, String log) {}

    private MavenBuild() {}

    /** Copies the sample NAME into {@code into} and returns the copy's folder. */
    static Path sample(String name, Path into) throws IOException {
        Path source = SAMPLES.resolve(name);
        Path target = into.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.writeString(
                            copy,
                            Files.readString(file, StandardCharsets.UTF_8)
                                    .replace("@strata.version@", System.getProperty("strata.plugin.version")),
                            StandardCharsets.UTF_8);
                }
            }
        }
        return target;
    }

    /** Runs {@code mvn -B ARGS} in PROJECT with the extra environment variables given. */
    static Result run(Path project, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path settings = project.resolve("settings.xml");
        Files.writeString(
                settings,
                """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>outer-build</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(Path.of(System.getProperty("strata.user.repo"))
                        .toAbsolutePath()
                        .toUri()),
                StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(
                "mvn",
                "-B",
                "-s",
                settings.toString(),
                "-Dmaven.repo.local="
                        + Path.of(System.getProperty("strata.it.repo")).toAbsolutePath()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(project, "build", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "mvn " + String.join(" ", args) + " did not finish in 5 minutes in " + project);
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The plugin's goal, fully named, so that no plugin prefix needs resolving. */
    static String goal(String name) {
        return "dev.strata:strata-maven-plugin:" + System.getProperty("strata.plugin.version") + ":" + name;
    }
}
