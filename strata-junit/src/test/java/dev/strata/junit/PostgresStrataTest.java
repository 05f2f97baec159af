package dev.strata.junit;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension registered by hand, on the embedded PostgreSQL server it starts. */
class PostgresStrataTest extends MigratedDatabaseContract {

    @RegisterExtension
    static final StrataExtension DATABASE =
            StrataExtension.migrations(MIGRATIONS).engine(Engine.POSTGRES);
}
