package dev.strata.dialect.sqlite;

import dev.strata.config.DatabaseUrl;
import dev.strata.config.DatabaseUrls;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.ThrowawayDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A copy of a live SQLite database in a file of a temporary folder, made with SQLite's online backup
 * API (the same as {@code strata backup}, so other sessions may go on writing meanwhile), or filled by
 * another engine's means (D1's export), and deleted with its folder by {@link #close()}. A file rather
 * than memory: a rehearsal's copy may be as large as the database, and its journal must behave as the
 * real file's does.
 */
public final class SqliteCopy implements ThrowawayDatabase {

    private final Path folder;
    private final DatabaseUrl url;

    private SqliteCopy(Path folder, DatabaseUrl url) {
        this.folder = folder;
        this.url = url;
    }

    static SqliteCopy of(DatabaseUrl live, Map<String, String> environment) {
        return filledBy(file -> SqliteBackupTool.INSTANCE.backup(live, file, environment));
    }

    /**
     * A new SQLite file in a temporary folder, handed to {@code fill} (it exists and is empty); the
     * folder is deleted again when {@code fill} fails.
     *
     * @throws DatabaseException when the temporary folder or file can't be made, or what {@code fill} throws
     */
    public static SqliteCopy filledBy(Consumer<Path> fill) {
        Path folder;
        try {
            folder = Files.createTempDirectory("strata-rehearsal-");
        } catch (IOException e) {
            throw new DatabaseException("could not make a temporary folder for the copy: " + e.getMessage(), e);
        }
        SqliteCopy copy =
                new SqliteCopy(folder, DatabaseUrls.parse("sqlite:" + folder.resolve("copy.db"), Path.of("")));
        try {
            fill.accept(Files.createFile(folder.resolve("copy.db")));
            return copy;
        } catch (IOException e) {
            copy.close();
            throw new DatabaseException("could not make the copy's file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    @Override
    public DatabaseUrl url() {
        return url;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // Already gone: the temporary folder is the system's to clean in the end.
        }
    }
}
