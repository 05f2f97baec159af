package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users' stories end to end, through the command line on real databases: seed 000 (a D1 app
 * that moves from a destructive schema_v2.sql to versioned, non-destructive migrations and fixes a
 * column type with a table rebuild) and seed 002 (DECIMAL to FLOAT, CASCADE to RESTRICT, soft delete,
 * and rollback procedures that are tested).
 */
class SeedStoriesTest {

    private static final String SCHEMA_V2 = """
            -- schema_v2.sql: the definitive schema. Running it resets the database.
            DROP TABLE IF EXISTS user_preferences;
            DROP TABLE IF EXISTS zetachain_cctx_log;

            CREATE TABLE user_preferences (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                particle_user_id TEXT NOT NULL UNIQUE,
                theme TEXT DEFAULT 'system'
            );

            -- amount is TEXT as first shipped.
            CREATE TABLE zetachain_cctx_log (
                cctx_hash TEXT PRIMARY KEY NOT NULL,
                source_chain TEXT NOT NULL,
                amount TEXT,
                status TEXT DEFAULT 'pending'
            );
            """;

    private static final String INDEXES = """
            CREATE INDEX IF NOT EXISTS idx_user_preferences_particle_id ON user_preferences(particle_user_id);
            CREATE INDEX IF NOT EXISTS idx_cctx_status ON zetachain_cctx_log(status);
            """;

    private static final String REBUILD = """
            CREATE TABLE zetachain_cctx_log_new (
                cctx_hash TEXT PRIMARY KEY NOT NULL,
                source_chain TEXT NOT NULL,
                amount REAL,
                status TEXT DEFAULT 'pending'
            );
            INSERT INTO zetachain_cctx_log_new (cctx_hash, source_chain, amount, status)
            SELECT cctx_hash, source_chain, CAST(amount AS REAL), status FROM zetachain_cctx_log;
            DROP TABLE zetachain_cctx_log;
            ALTER TABLE zetachain_cctx_log_new RENAME TO zetachain_cctx_log;
            """;

    @TempDir
    Path project;

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    private void write(String file, String sql) throws IOException {
        Path path = project.resolve("migrations").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, sql);
    }

    private static List<String> rules(CliRun run) throws IOException {
        return new ObjectMapper().readTree(run.out()).get("findings").findValuesAsText("rule");
    }

    @Test
    void seed000FromADestructiveSchemaFileToVersionedMigrationsAndASafeTypeFix() throws IOException {
        Files.writeString(project.resolve("strata.toml"), "[migrations]\ntarget = \"d1\"\n");
        Files.writeString(project.resolve("schema_v2.sql"), SCHEMA_V2);
        // The production database was set up by running schema_v2.sql by hand, and holds data.
        String prod = "sqlite:" + project.resolve("prod.db");
        for (String statement : SCHEMA_V2.split(";")) {
            if (!statement.strip().isEmpty() && !statement.strip().startsWith("-- schema")) {
                Jdbc.execute(prod, statement);
            }
        }
        Jdbc.execute(prod, "INSERT INTO user_preferences (particle_user_id) VALUES ('p-1')");
        Jdbc.execute(
                prod, "INSERT INTO zetachain_cctx_log (cctx_hash, source_chain, amount) VALUES ('0x1', 'eth', '12.5')");

        assertThat(strata("import", "schema_v2.sql").exitCode()).isZero();
        write("0001_add_performance_indexes.sql", INDEXES);
        CliRun clean = strata("lint", "--format", "json");
        assertThat(clean.exitCode()).isZero();
        assertThat(rules(clean)).isEmpty();

        write("0002_fix_cctx_log_amount_type.sql", REBUILD);
        CliRun lint = strata("lint", "--format", "json");
        assertThat(rules(lint))
                .containsExactlyInAnyOrder("table-rebuild", "lossy-type-change", "rebuild-drops-indexes")
                .doesNotContain("drop-table", "rename-table");
        JsonNode rebuild =
                new ObjectMapper().readTree(lint.out()).get("findings").get(0);
        assertThat(rebuild.get("message").asText()).contains("column amount type TEXT -> REAL");

        write(
                "0002_fix_cctx_log_amount_type.sql",
                REBUILD + INDEXES.lines().skip(1).findFirst().orElseThrow());
        assertThat(rules(strata("lint", "--format", "json")))
                .containsExactlyInAnyOrder("table-rebuild", "lossy-type-change");

        CliRun migrate = strata("--url", prod, "migrate");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(Jdbc.query(prod, "SELECT typeof(amount), amount FROM zetachain_cctx_log"))
                .containsExactly(List.of("real", "12.5"));
        assertThat(Jdbc.count(prod, "SELECT count(*) FROM user_preferences")).isEqualTo(1);
        assertThat(Jdbc.count(prod, "SELECT count(*) FROM sqlite_master WHERE name = 'idx_cctx_status'"))
                .isEqualTo(1);

        // Running schema_v2.sql again as a migration would wipe everything: the gate stops it.
        write("0003_reset.sql", SCHEMA_V2);
        CliRun reset = strata("--url", prod, "migrate");
        assertThat(reset.exitCode()).isEqualTo(1);
        assertThat(reset.err()).contains("drop-table").contains("-- strata:allow drop-table <reason>");
        assertThat(Jdbc.count(prod, "SELECT count(*) FROM user_preferences")).isEqualTo(1);
    }

    @Test
    void seed000OnD1ARebuildOfATableWithCascadingChildrenIsRefused() throws IOException {
        Files.writeString(project.resolve("strata.toml"), "[migrations]\ntarget = \"d1\"\n");
        write(
                "0000_initial_schema.sql",
                SCHEMA_V2
                                .replace("DROP TABLE IF EXISTS user_preferences;", "")
                                .replace("DROP TABLE IF EXISTS zetachain_cctx_log;", "")
                                .replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS")
                        + "CREATE TABLE IF NOT EXISTS cctx_events (id INTEGER PRIMARY KEY,"
                        + " cctx_hash TEXT REFERENCES zetachain_cctx_log (cctx_hash) ON DELETE CASCADE);\n"
                        + "CREATE INDEX IF NOT EXISTS ix_cctx_events_hash ON cctx_events (cctx_hash);\n");
        String db = "sqlite:" + project.resolve("app.db");
        assertThat(strata("--url", db, "migrate").exitCode()).isZero();
        Jdbc.execute(db, "INSERT INTO zetachain_cctx_log (cctx_hash, source_chain) VALUES ('0x1', 'eth')");
        Jdbc.execute(db, "INSERT INTO cctx_events (cctx_hash) VALUES ('0x1')");
        write("0001_fix_cctx_log_amount_type.sql", REBUILD);

        CliRun run = strata("--url", db, "migrate");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("rebuild-with-cascade-children").contains("cctx_events");
        assertThat(Jdbc.count(db, "SELECT count(*) FROM cctx_events")).isEqualTo(1);
    }

    private static final String MARKET = """
            CREATE TABLE IF NOT EXISTS market_data (
                id BIGSERIAL PRIMARY KEY,
                instrument_id INTEGER NOT NULL,
                price DECIMAL(12,4),
                bid DECIMAL(12,4)
            );
            CREATE TABLE IF NOT EXISTS alert_logs (
                id BIGSERIAL PRIMARY KEY,
                market_data_id BIGINT REFERENCES market_data (id) ON DELETE CASCADE,
                trigger_value DECIMAL(12,4)
            );
            CREATE INDEX IF NOT EXISTS ix_alert_logs_market ON alert_logs (market_data_id);
            CREATE INDEX IF NOT EXISTS ix_market_data_price ON market_data (price);
            """;

    @Test
    void seed002OnPostgresDecimalToFloatCascadeToRestrictAndTestedRollbacks() throws IOException {
        String url = PostgresServer.newDatabaseUrl();
        write("0001_market.up.sql", MARKET);
        write("0001_market.down.sql", "DROP TABLE alert_logs;\nDROP TABLE market_data;\n");
        write("0002_convert_decimal_to_float.up.sql", """
                SET lock_timeout = '5s';
                ALTER TABLE market_data ALTER COLUMN price TYPE FLOAT, ALTER COLUMN bid TYPE FLOAT;
                ALTER TABLE alert_logs ALTER COLUMN trigger_value TYPE FLOAT;
                """);
        write("0002_convert_decimal_to_float.down.sql", """
                ALTER TABLE market_data ALTER COLUMN price TYPE DECIMAL(12,4), ALTER COLUMN bid TYPE DECIMAL(12,4);
                ALTER TABLE alert_logs ALTER COLUMN trigger_value TYPE DECIMAL(12,4);
                """);
        write("0003_add_soft_delete_safety.up.sql", """
                SET lock_timeout = '5s';
                ALTER TABLE market_data ADD COLUMN deleted_at TIMESTAMP NULL;
                ALTER TABLE alert_logs DROP CONSTRAINT alert_logs_market_data_id_fkey;
                ALTER TABLE alert_logs ADD CONSTRAINT alert_logs_market_data_id_fkey FOREIGN KEY (market_data_id)
                    REFERENCES market_data (id) ON DELETE RESTRICT NOT VALID;
                """);
        write("0003_add_soft_delete_safety.down.sql", """
                ALTER TABLE alert_logs DROP CONSTRAINT alert_logs_market_data_id_fkey;
                ALTER TABLE alert_logs ADD CONSTRAINT alert_logs_market_data_id_fkey FOREIGN KEY (market_data_id)
                    REFERENCES market_data (id) ON DELETE CASCADE;
                ALTER TABLE market_data DROP COLUMN deleted_at;
                """);

        CliRun lint = strata("--url", url, "lint", "--format", "json");
        assertThat(rules(lint))
                .containsExactlyInAnyOrder(
                        "cascade-delete",
                        "lossy-type-change",
                        "lossy-type-change",
                        "lossy-type-change",
                        "pg-column-type-rewrite",
                        "pg-column-type-rewrite",
                        "pg-column-type-rewrite",
                        // The seed's deleted_at is a TIMESTAMP without a time zone.
                        "pg-timestamp-without-time-zone");
        assertThat(lint.exitCode()).isZero();

        CliRun test = strata("--url", url, "test");
        assertThat(test.exitCode()).as(test.out()).isZero();
        assertThat(test.out()).contains("OK: 3 down scripts tested");

        write("0003_add_soft_delete_safety.down.sql", "ALTER TABLE market_data DROP COLUMN deleted_at;\n");
        CliRun broken = strata("--url", url, "test", "--json");
        assertThat(broken.exitCode()).isEqualTo(1);
        JsonNode failed =
                new ObjectMapper().readTree(broken.out()).get("migrations").get(2);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("differences").toString()).contains("alert_logs").contains("CASCADE");

        CliRun migrate = strata("--url", url, "migrate");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.err()).contains("warning: migrations/0002_convert_decimal_to_float.up.sql");
        Jdbc.execute(url, "INSERT INTO market_data (instrument_id, price) VALUES (7, 1.25)");
        Jdbc.execute(url, "INSERT INTO alert_logs (market_data_id) VALUES (1)");
        assertThat(tryDelete(url)).contains("violates foreign key constraint");
        assertThat(Jdbc.count(url, "SELECT count(*) FROM alert_logs")).isEqualTo(1);
    }

    @Test
    void seed002OnSqliteTheFloatRebuildOfAParentWithCascadingAlertsIsAnError() throws IOException {
        write("0001_market.sql", MARKET.replace("BIGSERIAL", "INTEGER"));
        write("0002_convert_decimal_to_float.sql", """
                CREATE TABLE market_data_new (id INTEGER PRIMARY KEY, instrument_id INTEGER NOT NULL, price FLOAT,
                    bid FLOAT);
                INSERT INTO market_data_new SELECT id, instrument_id, price, bid FROM market_data;
                DROP TABLE market_data;
                ALTER TABLE market_data_new RENAME TO market_data;
                CREATE INDEX IF NOT EXISTS ix_market_data_price ON market_data (price);
                """);

        CliRun lint = strata("lint", "--format", "json");

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(rules(lint))
                .containsExactlyInAnyOrder(
                        "cascade-delete",
                        "table-rebuild",
                        "lossy-type-change",
                        "lossy-type-change",
                        "rebuild-with-cascade-children");
    }

    private static String tryDelete(String url) {
        try {
            Jdbc.execute(url, "DELETE FROM market_data");
            return "deleted";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }
}
