package dev.strata.dialect;

import dev.strata.config.DatabaseUrl;
import dev.strata.dialect.d1.D1Dialect;
import dev.strata.dialect.postgres.PostgresDialect;
import dev.strata.dialect.sqlite.SqliteDialect;

/** The one place that maps a database URL to the dialect that speaks to it. */
public final class Dialects {

    private Dialects() {}

    public static Dialect forUrl(DatabaseUrl url) {
        return switch (url.engine()) {
            case SQLITE -> SqliteDialect.INSTANCE;
            case POSTGRES -> PostgresDialect.INSTANCE;
            case D1 -> D1Dialect.INSTANCE;
        };
    }
}
