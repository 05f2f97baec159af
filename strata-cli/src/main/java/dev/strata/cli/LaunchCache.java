package dev.strata.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.sqlite.util.OSInfo;

/**
 * Prepares what {@code bin/strata} keeps beside the jar so that every later start is quicker:
 * <ul>
 *   <li>SQLite's native library, extracted once. Otherwise the driver copies it out of the jar into
 *       the temporary folder on every start.</li>
 *   <li>The classes a typical run loads, for a class-data-sharing archive: {@code bin/strata} runs this
 *       class with {@code -XX:ArchiveClassesAtExit}, and this class runs migrate, status and
 *       validate on a throwaway project, so the archive holds what those commands load.</li>
 * </ul>
 * Not part of the command line's interface; failures only cost the speed-up, so bin/strata ignores them.
 *
 * <p>Usage: {@code LaunchCache NATIVE_DIR}.
 */
public final class LaunchCache {

    private LaunchCache() {}

    public static void main(String[] args) throws IOException {
        extractSqliteLibrary(Path.of(args[0]));
        train();
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
