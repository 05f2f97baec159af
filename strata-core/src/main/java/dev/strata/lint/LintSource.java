package dev.strata.lint;

import dev.strata.source.Version;
import java.util.Objects;
import java.util.Optional;

/**
 * The text of one migration script to lint.
 *
 * @param file    the file as shown in messages
 * @param text    its content
 * @param version the migration's version, when the script is a migration of a folder: an
 *                expand/contract pair names its expand by version ({@code -- strata:contract-of})
 */
public record LintSource(String file, String text, Optional<Version> version) {

    public LintSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(version, "version");
    }

    public LintSource(String file, String text) {
        this(file, text, Optional.empty());
    }
}
