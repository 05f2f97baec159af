package dev.strata.lint;

import java.util.Objects;

/**
 * The text of one migration script to lint.
 *
 * @param file the file as shown in messages
 * @param text its content
 */
public record LintSource(String file, String text) {

    public LintSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
    }
}
