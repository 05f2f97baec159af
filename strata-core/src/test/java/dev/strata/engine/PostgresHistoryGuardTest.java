package dev.strata.engine;

import dev.strata.testing.PostgresServer;
import java.nio.file.Path;
import java.util.List;

/** The history guards on a real PostgreSQL server. */
class PostgresHistoryGuardTest extends HistoryGuardConformanceTest {

    @Override
    String newDatabaseUrl(Path folder) {
        return PostgresServer.newDatabaseUrl();
    }

    @Override
    List<String> allowNulls() {
        return List.of(
                "ALTER TABLE strata_history ALTER COLUMN name DROP NOT NULL, ALTER COLUMN checksum DROP NOT NULL,"
                        + " ALTER COLUMN applied_at DROP NOT NULL, ALTER COLUMN applied_by DROP NOT NULL,"
                        + " ALTER COLUMN execution_ms DROP NOT NULL, ALTER COLUMN success DROP NOT NULL,"
                        + " ALTER COLUMN installed_rank DROP NOT NULL",
                "ALTER TABLE strata_history DROP CONSTRAINT strata_history_pkey",
                "ALTER TABLE strata_history ALTER COLUMN version DROP NOT NULL");
    }

    @Override
    String tableListQuery() {
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1";
    }
}
