package dev.strata.source;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One versioned migration found in the migrations folder.
 *
 * @param version     its version
 * @param name        the descriptive part of its name ({@code init_core} of {@code 0001_init_core.sql})
 * @param layout      how its files are laid out
 * @param upFile      the file that applies it
 * @param upSource    {@code upFile} as shown in messages, relative to the project folder
 * @param upSql       the up file's text, BOM stripped, line endings as in the file
 * @param checksum    SHA-256 of the up file's normalised text, lower-case hex
 * @param downFile    the file that reverts it, when there is one
 */
public record Migration(
        Version version,
        String name,
        Layout layout,
        Path upFile,
        String upSource,
        String upSql,
        String checksum,
        Optional<Path> downFile) {

    public Migration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(upFile, "upFile");
        Objects.requireNonNull(upSource, "upSource");
        Objects.requireNonNull(upSql, "upSql");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(downFile, "downFile");
    }

    /** {@code 0001_init_core}: the version and name as the user wrote them ({@code R__views} when repeatable). */
    public String label() {
        return name.isEmpty() || version.repeatable() ? version.text() : version.text() + "_" + name;
    }
}
