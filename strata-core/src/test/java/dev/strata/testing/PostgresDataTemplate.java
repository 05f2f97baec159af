package dev.strata.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The data folders of the tests' PostgreSQL servers, copied from one that initdb made once per
 * module and set of binaries, in {@code target/postgres-templates}.
 *
 * <p>Why: a build starts a few dozen servers (one per test JVM, and the tests that crash or
 * restart a server of their own), and initdb costs about a CPU-second each, more than the copy of
 * its 40 MB. The embedded server skips initdb when its data folder already holds a cluster, so a
 * copy starts as a fresh server would. Test JVMs of one module make the template at most once each
 * and keep whichever landed first.
 *
 * <p>A template is kept until {@code mvn clean}: after a change of the PostgreSQL binaries' version
 * in a pom, delete {@code target/postgres-templates}, or the servers fail to start on the old
 * cluster. CI builds a clean clone, so it always makes them anew.
 */
public final class PostgresDataTemplate {

    private static final Path TEMPLATES = Path.of("target", "postgres-templates");
    private static final Map<String, Path> MADE = new ConcurrentHashMap<>();

    private PostgresDataTemplate() {}

    /**
     * A builder for a server on a fresh copy of the template in {@code data}, which must not exist
     * yet or be empty; the caller deletes it after the server stops.
     *
     * @param binaries names the binaries, so that each set gets a template of its own ("default", "15")
     * @param setBinaries sets the binaries on a builder, the identity for the default ones
     */
    public static EmbeddedPostgres.Builder builder(
            String binaries, UnaryOperator<EmbeddedPostgres.Builder> setBinaries, Path data) {
        copy(template(binaries, setBinaries), data);
        return setBinaries
                .apply(EmbeddedPostgres.builder())
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                // A test server dies with its data folder, so it has nothing to make durable against a
                // machine crash, and nothing for autovacuum to tidy: its workers visit each of the
                // hundreds of databases a test JVM creates. (A killed server still recovers from its WAL.)
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("autovacuum", "off");
    }

    /** A builder for a server of the default binaries on a fresh copy in {@code data}. */
    public static EmbeddedPostgres.Builder builder(Path data) {
        return builder("default", UnaryOperator.identity(), data);
    }

    /** A new, empty temporary folder for a server's data. */
    public static Path newDataFolder() {
        try {
            return Files.createTempDirectory("strata-pg-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a data folder after its server stopped; what can't be deleted stays for the OS to clean. */
    public static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder; leaving it is harmless.
        }
    }

    private static Path template(String binaries, UnaryOperator<EmbeddedPostgres.Builder> setBinaries) {
        return MADE.computeIfAbsent(binaries, name -> {
            Path template = TEMPLATES.resolve(name).toAbsolutePath();
            if (Files.exists(template.resolve("postgresql.conf"))) {
                return template;
            }
            try {
                Files.createDirectories(TEMPLATES);
                Path made = Files.createTempDirectory(TEMPLATES, name + ".making-");
                // initdb, then a clean shutdown: what is left is a cluster any server can start on.
                setBinaries
                        .apply(EmbeddedPostgres.builder())
                        .setDataDirectory(made)
                        .setCleanDataDirectory(false)
                        .start()
                        .close();
                try {
                    Files.move(made, template, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException moveFailed) {
                    // rename(2) refuses a folder onto a non-empty one: another JVM's template is in place.
                    if (!Files.exists(template.resolve("postgresql.conf"))) {
                        throw moveFailed;
                    }
                    delete(made);
                }
                return template;
            } catch (IOException e) {
                throw new UncheckedIOException("could not make the PostgreSQL data template " + template, e);
            }
        });
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source) && Files.isDirectory(target)) {
                    continue; // the (empty) folder the caller gave
                }
                // COPY_ATTRIBUTES keeps the 0700 PostgreSQL insists on for its folders.
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
            // A folder the caller made (a JUnit @TempDir, say) keeps its own mode; PostgreSQL refuses any but these.
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the PostgreSQL data template to " + to, e);
        }
    }
}
