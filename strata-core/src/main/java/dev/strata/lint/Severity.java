package dev.strata.lint;

import java.util.Locale;
import java.util.Optional;

/** How serious a finding is. Only errors stop {@code migrate} and make {@code strata lint} exit 1. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The word used in output and in strata.toml: {@code error}, {@code warning}, {@code info}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code error}, {@code warning} or {@code info}, ignoring case. */
    public static Optional<Severity> parse(String text) {
        for (Severity severity : values()) {
            if (severity.label().equalsIgnoreCase(text.strip())) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
