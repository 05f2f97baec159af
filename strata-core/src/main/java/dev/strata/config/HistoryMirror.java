package dev.strata.config;

import java.util.Locale;

/**
 * Another tool's history table that strata keeps in step with its own ({@code [migrations] history}),
 * so that both tools agree about one database.
 */
public enum HistoryMirror {
    /** strata's history only ({@code history = "strata"}, the default). */
    NONE,
    /** Also wrangler's {@code d1_migrations} ({@code history = "d1"}), for Cloudflare D1 projects. */
    D1;

    /** The value as written in strata.toml. */
    public String setting() {
        return this == NONE ? "strata" : name().toLowerCase(Locale.ROOT);
    }
}
