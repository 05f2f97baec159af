package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up aids bin/strata keeps beside the jar, made and used the way bin/strata does: the
 * class-data-sharing archive and the extracted SQLite library must be used, and change nothing a run
 * prints.
 */
class LaunchCacheIT {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private Run java(List<String> options, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of(args));
        Path out = dir.resolve("out.log");
        Path err = dir.resolve("err.log");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("finished").isTrue();
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theArchiveAndTheExtractedLibraryAreUsedAndChangeNoOutput() throws Exception {
        String jar = StrataProcess.jar().toString();
        Path cache = dir.resolve("launch-cache");
        Path archive = cache.resolve("strata.jsa");
        Files.createDirectories(cache);
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/0001_a.sql"), "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");

        Run prepare = java(List.of("-cp", jar), LaunchCache.class.getName(), "--cache", cache.toString());
        assertThat(prepare.exitCode()).as(prepare.err()).isZero();
        assertThat(archive).isNotEmptyFile();
        try (var left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("nothing half-made is left")
                    .containsExactlyInAnyOrder("strata.jsa", "native");
        }
        Path library = cache.resolve("native").resolve(System.mapLibraryName("sqlitejdbc"));
        assertThat(library).isNotEmptyFile();

        List<String> fast = List.of(
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:SharedArchiveFile=" + archive,
                "-Xlog:cds=off",
                "-Dorg.sqlite.lib.path=" + library.getParent(),
                "-Dorg.sqlite.lib.name=" + library.getFileName(),
                "-Xlog:class+load=info:file=" + dir.resolve("classes.log"));
        Run migrate = java(fast, "-jar", jar, "--url", "sqlite:app.db", "migrate");
        Run plain = java(List.of(), "-jar", jar, "--url", "sqlite:app.db", "status", "--json");
        Run status = java(fast, "-jar", jar, "--url", "sqlite:app.db", "status", "--json");

        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("Applied 1 migration");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).isEqualTo(plain.out());
        assertThat(status.err()).isEqualTo(plain.err());
        assertThat(Files.readString(dir.resolve("classes.log")))
                .as("classes came from the archive")
                .contains("dev.strata.cli.commands.StatusCommand source: shared objects file")
                // picocli's classes are compiled for Java 5: on JDK 17 only a static archive holds them
                .contains("picocli.CommandLine source: shared objects file");
    }
}
