package dev.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each release package, installed as a user would into an empty folder, runs the README's first
 * job on a copy of examples/d1-app from a shell whose PATH holds only what that package may rely
 * on: bash and java for the plain package; bash alone for the runtime image; bash and Node.js for
 * the npm packages. Maven is never on it.
 */
class PackagesIT {

    private static final Path PACKAGES = Path.of(System.getProperty("strata.packages"));
    private static final String VERSION = System.getProperty("strata.version");

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    @Test
    void thePlainPackageRunsOnTheJavaOfThePathAndShipsCompletionAndManPages() throws Exception {
        Path home = unpack("strata-" + VERSION + ".tar.gz");
        Path tools = tools(
                "bash", Path.of(System.getProperty("java.home"), "bin", "java").toString());

        migrateAndStatus(List.of(home.resolve("bin/strata").toString()), tools, Map.of());
        assertThat(home.resolve("completion/strata.bash")).content().contains("complete -F _complete_strata");
        assertThat(home.resolve("man/man1/strata-migrate.1")).content().contains(".TH \"STRATA\\-MIGRATE\"");
        assertThat(home.resolve("runtime")).doesNotExist();
    }

    @Test
    void theRuntimeImageNeedsNoJavaAndMapsWhatItWasBuiltWith() throws Exception {
        Path home = unpack("strata-" + VERSION + "-linux-x64.tar.gz");
        Path tools = tools("bash");

        migrateAndStatus(List.of(home.resolve("bin/strata").toString()), tools, Map.of());

        assertArchivesMap(home, tools);
    }

    /**
     * The image built on a JDK of 24 or later (here, one of Debian's JDKs under /usr/lib/jvm, when
     * one is installed; {@code -Dstrata.runtime.jdk} makes the release itself that way) carries an
     * ahead-of-time cache of strata's classes, and its launcher starts with it.
     */
    @Test
    void anImageBuiltOnAJdkOf24OrLaterStartsWithItsAheadOfTimeCache() throws Exception {
        Optional<Path> jdk = newerJdk();
        assumeTrue(jdk.isPresent(), "no JDK 24 or later under /usr/lib/jvm: the cache's launch is not tested");
        Path out = dir.resolve("aot-packages");
        Run packaged = run(
                List.of(
                        "bash",
                        Path.of("package").toAbsolutePath().toString(),
                        VERSION,
                        System.getProperty("strata.cli.jar"),
                        Path.of(System.getProperty("strata.help"), "strata.bash")
                                .toString(),
                        Path.of(System.getProperty("strata.help"), "man").toString(),
                        jdk.get().toString(),
                        out.toString()),
                dir,
                null,
                Map.of(),
                // jlink, the training run and the tarballs: under a minute on a quiet machine, many more on a busy one.
                15);
        assertThat(packaged.exitCode()).as(packaged.err()).isZero();
        Path home = unpack(out.resolve("strata-" + VERSION + "-linux-x64.tar.gz"));
        assertThat(home.resolve("lib/strata.aot")).isRegularFile();
        Path tools = tools("bash");

        migrateAndStatus(List.of(home.resolve("bin/strata").toString()), tools, Map.of());
        assertArchivesMap(home, tools);
    }

    private void assertArchivesMap(Path home, Path tools) throws Exception {
        // -Xshare:on (or -XX:AOTMode=on with a cache, which the JVM refuses beside any -Xshare option)
        // make the JVM fail instead of running without them: what was made at build time still maps
        // after the package moved.
        String strict = Files.exists(home.resolve("lib/strata.aot")) ? "-XX:AOTMode=on" : "-Xshare:on";
        Run version = run(
                List.of(home.resolve("bin/strata").toString(), "--version"),
                dir,
                tools,
                Map.of("STRATA_JAVA_OPTS", strict));
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("strata " + VERSION);
        assertThat(version.err()).isEmpty();
    }

    @Test
    void theNpmPackagesInstallFromTheirTarballsAndRunWithNoJava() throws Exception {
        Path project = Files.createDirectories(dir.resolve("workers-app"));
        Files.writeString(project.resolve("package.json"), "{\"name\": \"workers-app\", \"private\": true}\n");
        List<String> install = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--offline"));
        try (Stream<Path> tarballs = Files.list(PACKAGES.resolve("npm"))) {
            tarballs.filter(file -> file.toString().endsWith(".tgz")).forEach(file -> install.add(file.toString()));
        }
        Run installed = run(install, project, null, Map.of());
        assertThat(installed.exitCode()).as(installed.err()).isZero();

        Path node = Path.of(run(List.of("bash", "-c", "command -v node"), dir, null, Map.of())
                .out()
                .strip());
        Path tools = tools("bash", node.toString());
        migrateAndStatus(
                List.of(
                        node.toString(),
                        project.resolve("node_modules/.bin/strata").toString()),
                tools,
                Map.of());
    }

    /** The README's first job on a copy of examples/d1-app, then status. */
    private void migrateAndStatus(List<String> strata, Path tools, Map<String, String> environment) throws Exception {
        Path app = copyExample();
        List<String> migrate = new ArrayList<>(strata);
        migrate.addAll(List.of("-C", app.toString(), "migrate"));
        Run migrated = run(migrate, dir, tools, environment);
        assertThat(migrated.exitCode()).as(migrated.err()).isZero();
        assertThat(migrated.out()).contains("Applied 3 migrations to SQLite database sqlite:strata.db.");

        List<String> status = new ArrayList<>(strata);
        status.addAll(List.of("-C", app.toString(), "status"));
        Run listed = run(status, dir, tools, environment);
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("0002     fix_cctx_log_amount_type  applied", "3 applied");
    }

    private Path copyExample() throws IOException {
        Path source = Path.of("..", "examples", "d1-app", "migrations");
        Path app = Files.createDirectories(dir.resolve("d1-app-" + System.nanoTime()));
        Files.createDirectories(app.resolve("migrations"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, app.resolve("migrations").resolve(file.getFileName()));
            }
        }
        return app;
    }

    private Path unpack(String tarball) throws Exception {
        return unpack(PACKAGES.resolve(tarball));
    }

    private Path unpack(Path tarball) throws Exception {
        Path into = Files.createDirectories(dir.resolve("install-" + System.nanoTime()));
        Run untar = run(List.of("tar", "-xzf", tarball.toString(), "-C", into.toString()), dir, null, Map.of());
        assertThat(untar.exitCode()).as(untar.err()).isZero();
        try (Stream<Path> unpacked = Files.list(into)) {
            return unpacked.findFirst().orElseThrow();
        }
    }

    /** A JDK of 24 or later among Debian's, read from each one's {@code release} file. */
    private static Optional<Path> newerJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> candidates = Files.list(jvms)) {
            return candidates
                    .filter(jdk -> Files.isExecutable(jdk.resolve("bin/jlink")))
                    .filter(jdk -> featureVersion(jdk.resolve("release")) >= 24)
                    .sorted()
                    .findFirst();
        }
    }

    private static int featureVersion(Path release) {
        try {
            for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /**
     * A folder holding exactly these programs (names looked up on the PATH, or paths), each as a
     * two-line script that runs the real one: the PATH of a run.
     */
    private Path tools(String... programs) throws Exception {
        Path tools = Files.createDirectories(dir.resolve("path-" + System.nanoTime()));
        for (String program : programs) {
            Path target = program.contains("/")
                    ? Path.of(program)
                    : Path.of(run(List.of("bash", "-c", "command -v " + program), dir, null, Map.of())
                            .out()
                            .strip());
            Files.writeString(
                    tools.resolve(target.getFileName().toString()), "#!/bin/sh\nexec '" + target + "' \"$@\"\n");
            tools.resolve(target.getFileName().toString()).toFile().setExecutable(true);
        }
        return tools;
    }

    /** Runs a command; with {@code path}, as the only PATH and without JAVA_HOME. */
    private static Run run(List<String> command, Path workingDir, Path path, Map<String, String> environment)
            throws Exception {
        return run(command, workingDir, path, environment, 3);
    }

    private static Run run(
            List<String> command, Path workingDir, Path path, Map<String, String> environment, int minutes)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        if (path != null) {
            builder.environment().remove("JAVA_HOME");
            builder.environment().remove("MAVEN_HOME");
            builder.environment().put("PATH", path.toString());
        }
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(workingDir, "out", ".txt");
        Path err = Files.createTempFile(workingDir, "err", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + minutes + " minutes");
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
