package dev.strata.engine;

import dev.strata.testing.PostgresServer;
import java.nio.file.Path;

/** {@code migrate --single-transaction} on the real embedded PostgreSQL server. */
class PostgresSingleTransactionTest extends SingleTransactionConformanceTest {

    @Override
    protected String newDatabaseUrl(Path folder) {
        return PostgresServer.newDatabaseUrl();
    }

    @Override
    protected String catalogQuery() {
        // Relations of every kind (tables, indexes, sequences) with their columns and types.
        return "SELECT c.relname, c.relkind::text, coalesce(a.attname, ''),"
                + " coalesce(format_type(a.atttypid, a.atttypmod), '')"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                + " WHERE n.nspname = 'public' ORDER BY 1, 3";
    }

    @Override
    protected String tableListQuery() {
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1";
    }
}
