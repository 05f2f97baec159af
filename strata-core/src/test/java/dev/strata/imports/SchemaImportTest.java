package dev.strata.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.sql.PostgresSplitter;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqliteSplitter;
import dev.strata.sql.Statement;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000's schema_v2.sql story: a destructive full-schema script becomes a baseline migration that
 * changes nothing on a database which already has the schema and its data, on both engines.
 */
class SchemaImportTest {

    static final String SQLITE_SCHEMA = """
            -- Schema v2: run this to set up a fresh database.

            DROP TABLE IF EXISTS user_preferences;
            DROP TABLE IF EXISTS zetachain_cctx_log;

            -- Settings a signed-in user has chosen.
            CREATE TABLE user_preferences (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                particle_user_id TEXT NOT NULL UNIQUE, -- their Particle account
                theme TEXT DEFAULT 'system'
            );

            CREATE TABLE zetachain_cctx_log (
                cctx_hash TEXT PRIMARY KEY NOT NULL,
                amount TEXT,
                status TEXT DEFAULT 'pending'
            );

            CREATE INDEX idx_cctx_status ON zetachain_cctx_log(status);
            CREATE VIEW pending_cctx AS SELECT * FROM zetachain_cctx_log WHERE status = 'pending';
            CREATE TRIGGER cctx_theme AFTER INSERT ON zetachain_cctx_log BEGIN
                UPDATE user_preferences SET theme = theme WHERE id = 1;
            END;
            INSERT INTO user_preferences (id, particle_user_id) VALUES (1, 'system');
            """;

    static final String POSTGRES_SCHEMA = """
            -- Schema v2: run this to set up a fresh database.
            BEGIN;
            DROP VIEW IF EXISTS pending_events;
            DROP TABLE IF EXISTS events CASCADE;
            DROP TABLE IF EXISTS users CASCADE;

            -- People who own agents.
            CREATE TABLE users (
                id BIGSERIAL PRIMARY KEY,
                email TEXT NOT NULL UNIQUE
            );

            CREATE TABLE events (
                id BIGSERIAL PRIMARY KEY,
                user_id BIGINT REFERENCES users (id),
                state TEXT NOT NULL DEFAULT 'new',
                payload JSONB NOT NULL DEFAULT '{}'::jsonb
            );
            CREATE INDEX idx_events_user ON events (user_id);
            CREATE VIEW pending_events AS SELECT id, user_id FROM events WHERE state = 'new';
            CREATE FUNCTION touch() RETURNS trigger AS $$
            BEGIN
                NEW.state := coalesce(NEW.state, 'new');
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER events_touch BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION touch();
            INSERT INTO users (id, email) VALUES (1, 'system@example.com');
            COMMIT;
            """;

    @TempDir
    Path project;

    @Test
    void theSqliteScriptBecomesABaselineWithoutDropsWithIfNotExistsAndItsComments() throws IOException {
        Files.writeString(project.resolve("schema_v2.sql"), SQLITE_SCHEMA);

        ImportResult result = strata("sqlite:" + project.resolve("app.db"))
                .importSchema(Path.of("schema_v2.sql"), Optional.empty(), false);

        assertThat(result.written()).containsExactly(project.resolve("migrations/0000_initial_schema.sql"));
        String baseline = Files.readString(result.written().get(0));
        assertThat(baseline)
                .doesNotContain("DROP TABLE")
                .contains("-- Schema v2: run this to set up a fresh database.")
                .contains("-- Settings a signed-in user has chosen.")
                .contains("-- their Particle account")
                .contains("CREATE TABLE IF NOT EXISTS user_preferences (")
                .contains("CREATE TABLE IF NOT EXISTS zetachain_cctx_log (")
                .contains("CREATE INDEX IF NOT EXISTS idx_cctx_status ON zetachain_cctx_log(status);")
                .contains("CREATE VIEW IF NOT EXISTS pending_cctx AS")
                .contains("CREATE TRIGGER IF NOT EXISTS cctx_theme AFTER INSERT")
                .contains("INSERT OR IGNORE INTO user_preferences");
        assertThat(baseline.indexOf("user_preferences (")).isLessThan(baseline.indexOf("idx_cctx_status"));
        assertThat(result.notes()).anyMatch(n -> n.startsWith("schema_v2.sql:3: left out DROP TABLE IF EXISTS"));
    }

    @Test
    void onSqliteTheBaselineChangesNothingWhereTheSchemaAndDataExistAndBuildsItWhereNot() throws Exception {
        String url = "sqlite:" + project.resolve("app.db");
        runDirectly(url, SQLITE_SCHEMA, SqliteSplitter.INSTANCE);
        Jdbc.execute(url, "INSERT INTO zetachain_cctx_log (cctx_hash, amount) VALUES ('0xabc', '12.5')");
        Jdbc.execute(url, "UPDATE user_preferences SET theme = 'dark' WHERE id = 1");
        String sqliteSchema = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name NOT LIKE 'strata%'"
                + " ORDER BY type, name";
        List<List<String>> before = Jdbc.query(url, sqliteSchema);
        Files.writeString(project.resolve("schema_v2.sql"), SQLITE_SCHEMA);
        strata(url).importSchema(Path.of("schema_v2.sql"), Optional.empty(), false);

        strata(url).migrate();

        assertThat(Jdbc.query(url, sqliteSchema)).isEqualTo(before);
        assertThat(Jdbc.query(url, "SELECT theme FROM user_preferences")).containsExactly(List.of("dark"));
        assertThat(Jdbc.count(url, "SELECT count(*) FROM zetachain_cctx_log")).isEqualTo(1);

        String fresh = "sqlite:" + project.resolve("fresh.db");
        strata(fresh).migrate();
        assertThat(Jdbc.query(fresh, sqliteSchema)).hasSameSizeAs(before);
        assertThat(Jdbc.count(fresh, "SELECT count(*) FROM user_preferences")).isEqualTo(1);
    }

    @Test
    void onPostgresTheBaselineChangesNothingWhereTheSchemaAndDataExist() throws Exception {
        String url = PostgresServer.newDatabaseUrl();
        runDirectly(url, POSTGRES_SCHEMA, PostgresSplitter.INSTANCE);
        Jdbc.execute(url, "INSERT INTO events (user_id, state) VALUES (1, 'done')");
        List<List<String>> before = postgresSchema(url);
        Files.writeString(project.resolve("schema_v2.sql"), POSTGRES_SCHEMA);

        ImportResult result = strata(url).importSchema(Path.of("schema_v2.sql"), Optional.empty(), true);
        assertThat(result.written())
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "0000_initial_tables.sql", "0001_initial_indexes.sql", "0002_initial_triggers_and_views.sql");
        assertThat(Files.readString(result.written().get(0)))
                .doesNotContain("DROP TABLE", "DROP VIEW", "BEGIN;", "COMMIT")
                .contains("CREATE OR REPLACE FUNCTION touch()")
                .contains("INSERT INTO users (id, email) VALUES (1, 'system@example.com') ON CONFLICT DO NOTHING;");
        assertThat(Files.readString(result.written().get(2)))
                .contains("CREATE OR REPLACE VIEW pending_events")
                .contains("CREATE OR REPLACE TRIGGER events_touch");

        strata(url).migrate();

        assertThat(postgresSchema(url)).isEqualTo(before);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM events WHERE state = 'done'"))
                .isEqualTo(1);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM users")).isEqualTo(1);
        String fresh = PostgresServer.newDatabaseUrl();
        strata(fresh).migrate();
        assertThat(postgresSchema(fresh)).isEqualTo(before);
    }

    @Test
    void aTakenVersionStopsTheImportBeforeAnythingIsWritten() throws IOException {
        Files.writeString(project.resolve("schema.sql"), SQLITE_SCHEMA);
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_existing.sql"), "SELECT 1;");

        assertThatThrownBy(() -> strata("sqlite::memory:").importSchema(Path.of("schema.sql"), Optional.empty(), true))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("0001_existing.sql already has it; nothing was written");
        assertThat(project.resolve("migrations/0000_initial_tables.sql")).doesNotExist();
    }

    private Strata strata(String url) {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    private static void runDirectly(String url, String script, SqlSplitter splitter) throws SQLException {
        try (Connection connection = Jdbc.connect(url);
                java.sql.Statement jdbc = connection.createStatement()) {
            for (Statement statement : splitter.split("schema.sql", script).statements()) {
                jdbc.execute(statement.sql());
            }
        }
    }

    private static List<List<String>> postgresSchema(String url) {
        List<List<String>> rows = new java.util.ArrayList<>(Jdbc.query(
                url,
                "SELECT table_name, column_name,"
                        + " data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema ="
                        + " 'public' AND table_name NOT LIKE 'strata%' ORDER BY 1, 2"));
        rows.addAll(Jdbc.query(
                url,
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND"
                        + " tablename NOT LIKE 'strata%' ORDER BY 1"));
        rows.addAll(Jdbc.query(url, "SELECT viewname, definition FROM pg_views WHERE schemaname = 'public'"));
        rows.addAll(Jdbc.query(url, "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal"));
        rows.addAll(Jdbc.query(
                url,
                "SELECT proname, prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid ="
                        + " p.pronamespace WHERE n.nspname = 'public'"));
        return rows;
    }
}
