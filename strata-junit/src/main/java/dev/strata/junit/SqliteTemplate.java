package dev.strata.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.sqlite.SQLiteDataSource;

/** A migrated SQLite file in a temporary folder; each copy is a plain file copy of it. */
final class SqliteTemplate implements TemplateDatabase {

    private final Path folder;
    private final Path template;
    private final AtomicInteger copies = new AtomicInteger();

    private SqliteTemplate(Path folder) {
        this.folder = folder;
        this.template = folder.resolve("template.db");
    }

    static SqliteTemplate migrate(Migrations migrations) {
        Path folder;
        try {
            folder = Files.createTempDirectory("strata-junit-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary folder for the test databases", e);
        }
        SqliteTemplate created = new SqliteTemplate(folder);
        return migrations.applyTo(created, "sqlite:" + created.template);
    }

    @Override
    public MigratedDatabase copy() {
        Path copy = folder.resolve("test-" + copies.incrementAndGet() + ".db");
        try {
            // The migrating connection is closed, so the file alone holds the whole database.
            Files.copy(template, copy);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the template database to " + copy, e);
        }
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + copy);
        return new MigratedDatabase("sqlite:" + copy, dataSource.getUrl(), dataSource);
    }

    @Override
    public void drop(MigratedDatabase copy) {
        Path file = Path.of(copy.url().substring("sqlite:".length()));
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the test database " + file + suffix, e);
            }
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the temporary test databases in " + folder, e);
        }
    }
}
