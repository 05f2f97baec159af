package dev.strata.advise;

import java.nio.file.Path;

class SqliteInsertBenchTest extends InsertBenchContractTest {

    @Override
    protected String newDatabaseUrl(Path folder) {
        return "sqlite:" + folder.resolve("app.db");
    }
}
