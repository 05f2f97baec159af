package dev.strata.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Path DATA = Path.of("target", "postgres-data");
    private static final Pattern FOLDER_NAME = Pattern.compile("jvm(\\d+)-\\d+");
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

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

    /**
     * A new, empty folder for a server's data in {@code target/postgres-data}, named after this JVM's
     * process id. A server's data grows to gigabytes over a test run (hundreds of databases), and a JVM
     * that is killed, or whose shutdown hook is cut short, leaves its folders behind: the first new
     * folder of a later JVM deletes those of JVMs that are gone, and {@code mvn clean} deletes them all.
     */
    public static Path newDataFolder() {
        try {
            Files.createDirectories(DATA);
            if (SWEPT.compareAndSet(false, true)) {
                deleteFoldersOfEndedJvms();
            }
            return Files.createTempDirectory(
                            DATA, "jvm" + ProcessHandle.current().pid() + "-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteFoldersOfEndedJvms() throws IOException {
        try (Stream<Path> folders = Files.list(DATA)) {
            for (Path folder : folders.toList()) {
                Matcher name = FOLDER_NAME.matcher(folder.getFileName().toString());
                if (name.matches() && !isAlive(name.group(1)) && !isAlive(postmasterPid(folder))) {
                    delete(folder);
                }
            }
        }
    }

    /** The first line of the folder's postmaster.pid: the id of a server that is running, or was killed. */
    private static String postmasterPid(Path data) {
        try (Stream<String> lines = Files.lines(data.resolve("postmaster.pid"))) {
            return lines.findFirst().orElse("").strip();
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static boolean isAlive(String pid) {
        return pid.matches("\\d{1,18}")
                && ProcessHandle.of(Long.parseLong(pid))
                        .map(ProcessHandle::isAlive)
                        .orElse(false);
    }

    /** Stops the server when this JVM exits, then deletes its data folder. */
    public static void stopAtExit(EmbeddedPostgres server, Path data) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, data)));
    }

    /**
     * Stops the server and deletes its data folder. The embedded server's stop gives up after 5
     * seconds, which a loaded machine's shutdown checkpoint can outlast; deleting while the server
     * still writes would leave what it writes last, so this waits for the server's own end first.
     */
    public static void stop(EmbeddedPostgres server, Path data) {
        try {
            server.close();
        } catch (IOException ignored) {
            // What a failed stop leaves running is waited for below.
        }
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (isAlive(postmasterPid(data)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        delete(data);
    }

    /**
     * Deletes a folder and what it holds, going on past what cannot be deleted, which the next JVM's
     * sweep or {@code mvn clean} deletes.
     */
    public static void delete(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    file.toFile().delete();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) {
                    directory.toFile().delete();
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // Only the walk's start can fail here: the folder is gone already.
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
