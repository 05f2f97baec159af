package dev.strata.refactor;

import dev.strata.Strata;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A project folder with migrations and a database, for the strata alter tests. */
final class AlterProject {

    final Path dir;
    final String url;

    AlterProject(Path dir, String url) {
        this.dir = dir;
        this.url = url;
        try {
            Files.createDirectories(dir.resolve("migrations"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AlterProject write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    AlterProject migration(String file, String sql) {
        return write("migrations/" + file, sql);
    }

    Strata strata() {
        return Strata.configure()
                .projectDir(dir)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    void migrate() {
        strata().migrate();
    }

    /** Generates the migration and returns its text (the first file's, when there are two). */
    String alter(String table, AlterOperation... operations) {
        return text(alterResult(table, operations).files().get(0));
    }

    Refactorer.Result alterResult(String table, AlterOperation... operations) {
        return strata().alter(new AlterRequest(table, List.of(operations)));
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count(String sql) {
        return Jdbc.count(url, sql);
    }

    List<List<String>> rows(String sql) {
        return Jdbc.query(url, sql);
    }

    void execute(String sql) {
        Jdbc.execute(url, sql);
    }

    static AlterOperation type(String columnEqualsType) {
        return AlterOperation.type(columnEqualsType, Optional.empty());
    }

    static AlterOperation onDelete(String columnEqualsAction) {
        return AlterOperation.foreignKeyAction(AlterOperation.Event.DELETE, columnEqualsAction);
    }

    static List<String> row(String... values) {
        return new ArrayList<>(Arrays.asList(values));
    }
}
