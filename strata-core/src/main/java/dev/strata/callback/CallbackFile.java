package dev.strata.callback;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One SQL file of the {@code callbacks/} folder.
 *
 * @param event  the moment it runs at
 * @param file   the file
 * @param source the file as shown in messages, relative to the project folder
 * @param sql    its text, BOM stripped
 */
public record CallbackFile(CallbackEvent event, Path file, String source, String sql) {

    public CallbackFile {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sql, "sql");
    }
}
