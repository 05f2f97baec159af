package dev.strata.callback;

import dev.strata.testing.PostgresServer;
import java.nio.file.Path;

/** The callback suite on the embedded PostgreSQL server. */
class PostgresCallbackTest extends CallbackConformanceTest {

    @Override
    String newDatabaseUrl(Path folder) {
        return PostgresServer.newDatabaseUrl();
    }
}
