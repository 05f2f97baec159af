package dev.strata.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sqlite.util.OSInfo;

/**
 * Prepares what {@code bin/strata} keeps beside the jar so that every later start is quicker:
 * <ul>
 *   <li>SQLite's native library, extracted once. Otherwise the driver copies it out of the jar into
 *       the temporary folder on every start.</li>
 *   <li>A class-data-sharing archive of the classes a typical run loads. A training run of this
 *       class runs migrate, status and validate on a throwaway project and lists what it loaded;
 *       {@code -Xshare:dump} then writes those classes, the JDK's own among them, into one static
 *       archive. A static archive rather than a dynamic one ({@code -XX:ArchiveClassesAtExit}):
 *       on JDK 17 only a static archive holds classes compiled for Java 5, which picocli's are, and
 *       picocli is a sixth of a short run.</li>
 * </ul>
 * Not part of the command line's interface; failures only cost the speed-up, so bin/strata ignores them.
 *
 * <p>Usage: {@code LaunchCache --cache CACHE_DIR} makes {@code CACHE_DIR/native/} and
 * {@code CACHE_DIR/strata.jsa}, each moved into place whole; {@code LaunchCache NATIVE_DIR} extracts
 * the library and runs the training commands in this JVM, for a recording JVM option of the caller's.
 */
public final class LaunchCache {

    private LaunchCache() {}

    /** The JVM options of bin/strata's runs; the archive is made under the same ones. */
    private static final List<String> RUN_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 2 && args[0].equals("--cache")) {
            makeCache(Path.of(args[1]));
            return;
        }
        extractSqliteLibrary(Path.of(args[0]));
        train();
    }

    /** The library and the archive, each from a JVM of its own (a class list is recorded by the JVM that loads). */
    private static void makeCache(Path cache) throws IOException, InterruptedException {
        Files.createDirectories(cache);
        Path jar;
        try {
            jar = Path.of(LaunchCache.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException("the jar's location is not a path: " + e.getMessage(), e);
        }
        Path classList = Files.createTempFile(cache, "classes", ".partial");
        // A partial name of this process's own: two runs making the cache at once never write one file.
        Path archive = cache.resolve("strata.jsa." + ProcessHandle.current().pid() + ".partial");
        try {
            java(
                    "-XX:DumpLoadedClassList=" + classList,
                    "-cp",
                    jar.toString(),
                    LaunchCache.class.getName(),
                    cache.resolve("native").toString());
            java(
                    "-Xshare:dump",
                    "-XX:SharedClassListFile=" + classList,
                    "-XX:SharedArchiveFile=" + archive,
                    "-Xlog:cds=off",
                    "-cp",
                    jar.toString());
            Files.move(
                    archive,
                    cache.resolve("strata.jsa"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(classList);
            Files.deleteIfExists(archive);
        }
    }

    /** Runs this JDK's java with bin/strata's options and {@code args}; its output is dropped. */
    private static void java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(RUN_OPTIONS);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue());
        }
    }

    /** Copies the driver's library for this platform into {@code dir}, as libsqlitejdbc.so (.dylib, .dll). */
    static void extractSqliteLibrary(Path dir) throws IOException {
        String name = System.mapLibraryName("sqlitejdbc");
        String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
        try (InputStream in = LaunchCache.class.getResourceAsStream(resource)) {
            if (in == null) {
                return; // no library for this platform in the jar: the driver will say so itself
            }
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, name, ".partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Runs the common commands once, in this JVM, on a project made and deleted here. */
    private static void train() throws IOException {
        Path project = Files.createTempDirectory("strata-launch-cache");
        try {
            Files.createDirectories(project.resolve("migrations"));
            Files.writeString(
                    project.resolve("migrations/0001_create_items.sql"),
                    "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n");
            Files.writeString(
                    project.resolve("migrations/0002_index_items.sql"),
                    "CREATE INDEX ix_items_name ON items (name);\n");
            PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
            StrataCli cli = new StrataCli(new Console(nowhere, nowhere), Map.of(), project);
            String url = "sqlite:" + project.resolve("strata.db");
            cli.run("--url", url, "validate");
            cli.run("--url", url, "migrate");
            cli.run("--url", url, "status");
            cli.run("--url", url, "status", "--json");
        } finally {
            try (Stream<Path> files = Files.walk(project)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
