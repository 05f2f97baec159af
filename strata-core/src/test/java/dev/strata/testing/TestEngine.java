package dev.strata.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The two engines, for tests that run the same scenario on both (with {@code @EnumSource}): each
 * gives a fresh real database and the engine-specific bits a scenario needs.
 */
public enum TestEngine {
    SQLITE {
        @Override
        public String newDatabaseUrl(Path folder) {
            return "sqlite:" + folder.resolve("test-" + UUID.randomUUID() + ".db");
        }

        @Override
        public String noTransactionStatement() {
            return "VACUUM";
        }

        @Override
        public List<String> tables(String url) {
            return column(
                    url,
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                            + " ORDER BY name");
        }
    },

    POSTGRES {
        @Override
        public String newDatabaseUrl(Path folder) {
            return PostgresServer.newDatabaseUrl();
        }

        @Override
        public String noTransactionStatement() {
            return "CREATE INDEX CONCURRENTLY IF NOT EXISTS no_tx_index ON no_tx (id)";
        }

        @Override
        public String noTransactionSetup() {
            return "CREATE TABLE IF NOT EXISTS no_tx (id INT)";
        }

        @Override
        public List<String> tables(String url) {
            return column(
                    url,
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'" + " ORDER BY 1");
        }
    };

    /** A URL of an empty database that only the caller uses. */
    public abstract String newDatabaseUrl(Path folder);

    /** A statement the engine refuses to run inside a transaction (no semicolon). */
    public abstract String noTransactionStatement();

    /** What {@link #noTransactionStatement()} needs to exist first; a harmless statement by default. */
    public String noTransactionSetup() {
        return "SELECT 1";
    }

    /** The user's tables, sorted. */
    public abstract List<String> tables(String url);

    private static List<String> column(String url, String sql) {
        return Jdbc.query(url, sql).stream().map(row -> row.get(0)).toList();
    }
}
