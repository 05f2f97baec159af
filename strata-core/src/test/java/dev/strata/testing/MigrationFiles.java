package dev.strata.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes migration files into a test project's {@code migrations} folder. */
public final class MigrationFiles {

    private MigrationFiles() {}

    /** Writes {@code migrations/FILE} below {@code project}, creating folders as needed. */
    public static void write(Path project, String file, String sql) throws IOException {
        Path path = project.resolve("migrations").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, sql);
    }
}
