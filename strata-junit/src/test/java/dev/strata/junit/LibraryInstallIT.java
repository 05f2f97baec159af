package dev.strata.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mvn install} leaves is enough for a project of someone else's: the library modules,
 * installed by {@code invoker:install} into a repository of their own under target/ (the user's
 * repository is never written), with their sources and javadoc jars and a POM that names its
 * licence; then a real Maven build of {@code src/it/library-user}, which depends on strata-core
 * and strata-junit only through that repository, compiles against the API and runs its tests.
 */
class LibraryInstallIT {

    private static final String VERSION = System.getProperty("strata.version");

    @TempDir
    Path dir;

    @Test
    void theInstalledLibraryHasItsJarsAndMetadata() throws IOException {
        Path repo = Path.of(System.getProperty("strata.it.repo"));
        for (String module : List.of("strata-core", "strata-junit")) {
            Path folder = repo.resolve("dev/strata").resolve(module).resolve(VERSION);
            assertThat(folder.resolve(module + "-" + VERSION + ".jar")).isRegularFile();
            assertThat(folder.resolve(module + "-" + VERSION + ".pom")).isRegularFile();
        }
        Path parent =
                repo.resolve("dev/strata/strata-parent").resolve(VERSION).resolve("strata-parent-" + VERSION + ".pom");
        assertThat(parent)
                .content()
                .contains("<name>Apache License, Version 2.0</name>", "<developers>", "<scm>", "<url>");
    }

    /** Full builds only: the quick loop ({@code -Dquick}) makes no javadoc or sources jars. */
    @Test
    @Tag("full")
    void theInstalledLibraryHasSourcesAndJavadoc() {
        Path junit = Path.of(System.getProperty("strata.it.repo"))
                .resolve("dev/strata/strata-junit")
                .resolve(VERSION);
        assertThat(junit.resolve("strata-junit-" + VERSION + "-sources.jar")).isRegularFile();
        assertThat(junit.resolve("strata-junit-" + VERSION + "-javadoc.jar")).isRegularFile();
    }

    @Test
    void aSeparateProjectBuildsAndTestsAgainstTheInstalledArtifacts() throws Exception {
        Path project = copySample("library-user");
        Path settings = project.resolve("settings.xml");
        // Everything but strata (plugins, JUnit, the drivers) comes from the outer build's repository, read as a
        // remote one: no network, and nothing written there.
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
        Path log = project.resolve("build.log");
        Process process = new ProcessBuilder(
                        "mvn",
                        "-B",
                        "-s",
                        settings.toString(),
                        "-Dmaven.repo.local="
                                + Path.of(System.getProperty("strata.it.repo")).toAbsolutePath(),
                        "test")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the sample build did not finish in 5 minutes: " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0", "BUILD SUCCESS");
    }

    private Path copySample(String name) throws IOException {
        Path source = Path.of("src", "it", name);
        Path target = dir.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.writeString(
                            copy,
                            Files.readString(file, StandardCharsets.UTF_8)
                                    .replace("@strata.version@", VERSION)
                                    .replace("@junit.version@", System.getProperty("junit.version")),
                            StandardCharsets.UTF_8);
                }
            }
        }
        return target;
    }
}
