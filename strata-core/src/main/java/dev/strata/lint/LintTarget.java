package dev.strata.lint;

import dev.strata.config.DatabaseUrl;
import dev.strata.config.StrataConfig;
import dev.strata.sql.PostgresSplitter;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqliteSplitter;
import java.util.Locale;

/**
 * The engine migrations are written for. Cloudflare D1 speaks SQLite, so every SQLite rule applies
 * to it too, plus the D1 rules that catch what D1 refuses or ignores.
 */
public enum LintTarget {
    SQLITE,
    D1,
    POSTGRES;

    public boolean isSqlite() {
        return this != POSTGRES;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    SqlSplitter splitter() {
        return this == POSTGRES ? PostgresSplitter.INSTANCE : SqliteSplitter.INSTANCE;
    }

    /**
     * Whether a database of this engine runs SQL written for this target: D1 and SQLite run each
     * other's, PostgreSQL only its own.
     */
    public boolean runsOn(DatabaseUrl.Engine engine) {
        return of(engine).isSqlite() == isSqlite();
    }

    /** {@code [migrations] target} when set, else the engine of the configured database. */
    public static LintTarget of(StrataConfig config) {
        if (config.target().isPresent()) {
            return valueOf(config.target().get().toUpperCase(Locale.ROOT));
        }
        return of(config.url().engine());
    }

    private static LintTarget of(DatabaseUrl.Engine engine) {
        return switch (engine) {
            case POSTGRES -> POSTGRES;
            case D1 -> D1;
            case SQLITE -> SQLITE;
        };
    }
}
