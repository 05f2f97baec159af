package dev.strata.callback;

import java.nio.file.Path;

/** The callback suite on a real SQLite file. */
class SqliteCallbackTest extends CallbackConformanceTest {

    @Override
    String newDatabaseUrl(Path folder) {
        return "sqlite:" + folder.resolve("test.db");
    }
}
