package dev.strata.engine;

import java.nio.file.Path;

/** {@code migrate --single-transaction} on real SQLite files. */
class SqliteSingleTransactionTest extends SingleTransactionConformanceTest {

    @Override
    protected String newDatabaseUrl(Path folder) {
        return "sqlite:" + folder.resolve("test.db");
    }

    @Override
    protected String catalogQuery() {
        return "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name";
    }

    @Override
    protected String tableListQuery() {
        return "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
    }
}
