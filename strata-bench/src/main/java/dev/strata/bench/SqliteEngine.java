package dev.strata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** SQLite files in a work folder, one per run, with every tool's default settings. */
public final class SqliteEngine implements Engine {

    private final Path dir;
    private int created;

    public SqliteEngine(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String version() {
        Target probe = new Target("sqlite", "sqlite::memory:", "jdbc:sqlite::memory:", null, null);
        try (Connection connection = probe.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT sqlite_version()")) {
            rows.next();
            return "SQLite " + rows.getString(1) + " (sqlite-jdbc "
                    + connection.getMetaData().getDriverVersion() + ")";
        } catch (SQLException e) {
            throw new IllegalStateException("could not ask SQLite its version", e);
        }
    }

    /** The kind of file system the files are on ({@code tmpfs}, {@code ext4}), for the results' header. */
    public String fileSystem() {
        try {
            return Files.getFileStore(dir).type();
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public Target fresh() {
        Path file = dir.resolve("db-" + (++created) + ".sqlite").toAbsolutePath();
        deleteFiles(file);
        return new Target("sqlite", "sqlite:" + file, "jdbc:sqlite:" + file, null, null);
    }

    @Override
    public void drop(Target target) {
        deleteFiles(Path.of(target.jdbcUrl().substring("jdbc:sqlite:".length())));
    }

    @Override
    public MigrationSet.ObjectCounts objects(Target target) {
        try (Connection connection = target.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT"
                                + " (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 't\\_%' ESCAPE '\\'),"
                                + " (SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix\\_%' ESCAPE '\\'),"
                                + " (SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name LIKE 'v\\_%' ESCAPE '\\')")) {
            rows.next();
            return new MigrationSet.ObjectCounts(rows.getInt(1), rows.getInt(2), rows.getInt(3));
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the objects of " + target.strataUrl(), e);
        }
    }

    @Override
    public void close() {
        // The files are deleted run by run; the folder belongs to the caller.
    }

    private static void deleteFiles(Path file) {
        try {
            for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
