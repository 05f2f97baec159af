package dev.strata.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.engine.AdoptResult;
import dev.strata.engine.MigrationRefusedException;
import dev.strata.engine.MigrationState;
import dev.strata.engine.MigrationStatus;
import dev.strata.source.Version;
import dev.strata.testing.Jdbc;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SQLx, golang-migrate, dbmate, diesel, Alembic and wrangler histories, made as each tool documents
 * and writes them (its CREATE TABLE, its rows), taken over on both engines.
 */
class DocumentedHistoriesAdoptionTest {

    @TempDir
    Path project;

    private String url;

    private Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    /** Runs the migration's SQL as the tool would have, so the schema matches its history. */
    private void ranByTheTool(String sql) {
        Jdbc.execute(url, sql);
    }

    private static boolean postgres(TestEngine engine) {
        return engine == TestEngine.POSTGRES;
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void sqlx(TestEngine engine) throws Exception {
        url = engine.newDatabaseUrl(project);
        String first = "CREATE TABLE users (id INT PRIMARY KEY);\n";
        String second = "ALTER TABLE users ADD COLUMN name TEXT;\n";
        MigrationFiles.write(project, "20250101000000_create_users.sql", first);
        MigrationFiles.write(project, "20250102000000_add_name.sql", second);
        MigrationFiles.write(project, "20250103000000_add_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;\n");
        ranByTheTool(first);
        ranByTheTool(second);
        // sqlx-postgres and sqlx-sqlite create their table like this.
        ranByTheTool(
                postgres(engine)
                        ? "CREATE TABLE IF NOT EXISTS _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL,"
                                + " installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), success BOOLEAN NOT NULL,"
                                + " checksum BYTEA NOT NULL, execution_time BIGINT NOT NULL)"
                        : "CREATE TABLE IF NOT EXISTS _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL,"
                                + " installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL,"
                                + " checksum BLOB NOT NULL, execution_time BIGINT NOT NULL)");
        try (Connection c = Jdbc.connect(url);
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO"
                                + " _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (?, ?, ?, ?, ?)")) {
            Object[][] rows = {{20250101000000L, "create users", first}, {20250102000000L, "add name", second}};
            for (Object[] row : rows) {
                insert.setLong(1, (Long) row[0]);
                insert.setString(2, (String) row[1]);
                insert.setBoolean(3, true);
                insert.setBytes(
                        4,
                        MessageDigest.getInstance("SHA-384")
                                .digest(((String) row[2]).getBytes(StandardCharsets.UTF_8)));
                insert.setLong(5, 2_500_000L); // nanoseconds
                insert.executeUpdate();
            }
        }

        assertThat(strata().status().migrations())
                .extracting(MigrationStatus::state)
                .containsExactly(MigrationState.ADOPTABLE, MigrationState.ADOPTABLE, MigrationState.PENDING);
        AdoptResult result = strata().adopt(Optional.of(Tool.SQLX), false);

        assertThat(result.adopted())
                .extracting(r -> r.label())
                .containsExactly("20250101000000_create_users", "20250102000000_add_name");
        assertThat(result.adopted().get(0).executionMs())
                .as("SQLx keeps nanoseconds")
                .isEqualTo(2);
        assertThat(result.warnings())
                .as("SQLx's SHA-384 checksums match the files")
                .isEmpty();
        assertThat(strata().migrate().applied()).extracting(r -> r.label()).containsExactly("20250103000000_add_email");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void sqlxChecksumOfAnEditedFileGivesAWarning(TestEngine engine) throws Exception {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "1_a.sql", "CREATE TABLE a (id INT);\n");
        ranByTheTool("CREATE TABLE a (id INT)");
        ranByTheTool("CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL,"
                + " installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL,"
                + " checksum " + (postgres(engine) ? "BYTEA" : "BLOB") + " NOT NULL, execution_time BIGINT NOT NULL)");
        ranByTheTool("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)"
                + " VALUES (1, 'a', TRUE, " + (postgres(engine) ? "'\\x00ff'::bytea" : "X'00ff'") + ", 1)");

        AdoptResult result = strata().adopt(Optional.empty(), false);

        assertThat(result.warnings())
                .singleElement()
                .asString()
                .contains("migrations/1_a.sql: differs from what SQLx ran");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void golangMigrate(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "000001_create_users.up.sql", "CREATE TABLE users (id INT);");
        MigrationFiles.write(project, "000001_create_users.down.sql", "DROP TABLE users;");
        MigrationFiles.write(project, "000002_create_posts.up.sql", "CREATE TABLE posts (id INT);");
        MigrationFiles.write(project, "000003_create_tags.up.sql", "CREATE TABLE tags (id INT);");
        ranByTheTool("CREATE TABLE users (id INT)");
        ranByTheTool("CREATE TABLE posts (id INT)");
        // golang-migrate's postgres driver; its sqlite3 driver makes (version uint64, dirty bool) with a unique index.
        ranByTheTool(
                postgres(engine)
                        ? "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not null primary key, dirty boolean not null)"
                        : "CREATE TABLE IF NOT EXISTS schema_migrations (version uint64, dirty bool)");
        ranByTheTool("INSERT INTO schema_migrations (version, dirty) VALUES (2, FALSE)");

        AdoptResult result = strata().adopt(Optional.empty(), false);

        assertThat(result.from().tool()).isEqualTo(Tool.GOLANG_MIGRATE);
        assertThat(result.adopted())
                .extracting(r -> r.label())
                .containsExactly("000001_create_users", "000002_create_posts");
        assertThat(strata().migrate().applied()).extracting(r -> r.label()).containsExactly("000003_create_tags");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void golangMigrateDirtyVersionIsRefused(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "000001_a.up.sql", "CREATE TABLE a (id INT);");
        ranByTheTool("CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null)");
        ranByTheTool("INSERT INTO schema_migrations (version, dirty) VALUES (1, TRUE)");

        assertThatThrownBy(() -> strata().adopt(Optional.empty(), false))
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("golang-migrate records up to version 1 as failed")
                .hasMessageContaining("migrate force");
        assertThat(engine.tables(url)).doesNotContain("strata_history");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void dbmate(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(
                project,
                "20250101000000_create_users.sql",
                "-- migrate:up\nCREATE TABLE users (id INT);\n-- migrate:down\n" + "DROP TABLE users;\n");
        MigrationFiles.write(
                project,
                "20250102000000_create_posts.sql",
                "-- migrate:up\nCREATE TABLE posts (id INT);\n-- migrate:down\n" + "DROP TABLE posts;\n");
        ranByTheTool("CREATE TABLE users (id INT)");
        ranByTheTool("create table if not exists schema_migrations (version varchar(128) primary key)");
        ranByTheTool("insert into schema_migrations (version) values ('20250101000000')");

        AdoptResult result = strata().adopt(Optional.of(Tool.DBMATE), false);

        assertThat(result.adopted()).extracting(r -> r.label()).containsExactly("20250101000000_create_users");
        assertThat(strata().migrate().applied())
                .extracting(r -> r.label())
                .containsExactly("20250102000000_create_posts");
        assertThat(strata().down(dev.strata.engine.DownRequest.to(Version.parse("20250101000000")))
                        .reverted())
                .hasSize(1);
        assertThat(engine.tables(url)).contains("users").doesNotContain("posts");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void diesel(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "00000000000000_diesel_initial_setup/up.sql", "SELECT 1;");
        MigrationFiles.write(project, "2025-01-23-000001_create_users/up.sql", "CREATE TABLE users (id INT);");
        MigrationFiles.write(project, "2025-01-23-000001_create_users/down.sql", "DROP TABLE users;");
        MigrationFiles.write(project, "2025-01-24-000001_create_posts/up.sql", "CREATE TABLE posts (id INT);");
        ranByTheTool("CREATE TABLE users (id INT)");
        ranByTheTool("CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL,"
                + " run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        ranByTheTool("INSERT INTO __diesel_schema_migrations (version, run_on) VALUES ('00000000000000',"
                + " '2025-01-23 10:00:00'), ('20250123000001', '2025-01-23 10:00:01')");

        AdoptResult result = strata().adopt(Optional.empty(), false);

        assertThat(result.adopted())
                .extracting(r -> r.version().text())
                .containsExactly("00000000000000", "20250123000001");
        assertThat(result.adopted().get(1).appliedAt()).isEqualTo(Instant.parse("2025-01-23T10:00:01Z"));
        assertThat(strata().migrate().applied())
                .extracting(r -> r.label())
                .containsExactly("20250124000001_create_posts");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void alembicCanOnlyBeShownThenBaselined(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "0001_a.sql", "CREATE TABLE a (id INT);");
        MigrationFiles.write(project, "0002_b.sql", "CREATE TABLE b (id INT);");
        ranByTheTool("CREATE TABLE a (id INT)");
        ranByTheTool("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,"
                + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
        ranByTheTool("INSERT INTO alembic_version (version_num) VALUES ('ae1027a6acf')");

        assertThat(strata().status().foreign()).extracting(h -> h.tool()).containsExactly(Tool.ALEMBIC);
        AdoptResult result = strata().adopt(Optional.empty(), false);
        assertThat(result.adopted()).isEmpty();
        assertThat(result.unmatched())
                .singleElement()
                .asString()
                .contains("revision ae1027a6acf")
                .contains("strata baseline --version V");
        assertThatThrownBy(() -> strata().migrate()).hasMessageContaining("history of Alembic (alembic_version)");

        strata().baseline(Version.parse("0001"), false);

        assertThat(strata().migrate().applied()).extracting(r -> r.label()).containsExactly("0002_b");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void wranglerTableAsWranglerWritesIt(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "0001_a.sql", "CREATE TABLE a (id INT);");
        MigrationFiles.write(project, "0002_b.sql", "CREATE TABLE b (id INT);");
        ranByTheTool("CREATE TABLE a (id INT)");
        ranByTheTool(
                postgres(engine)
                        ? "CREATE TABLE d1_migrations (id SERIAL PRIMARY KEY, name TEXT UNIQUE,"
                                + " applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)"
                        : "CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE,"
                                + " applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)");
        ranByTheTool("INSERT INTO d1_migrations (name) VALUES ('0001_a.sql')");

        AdoptResult result = strata().adopt(Optional.of(Tool.WRANGLER), false);

        assertThat(result.adopted()).extracting(r -> r.label()).containsExactly("0001_a");
        assertThat(strata().migrate().applied()).extracting(r -> r.label()).containsExactly("0002_b");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void severalHistoriesNeedFrom(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "1_a.sql", "CREATE TABLE a (id INT);");
        ranByTheTool("create table schema_migrations (version varchar(128) primary key)");
        ranByTheTool("insert into schema_migrations (version) values ('1')");
        ranByTheTool("CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL,"
                + " run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        ranByTheTool("INSERT INTO __diesel_schema_migrations (version) VALUES ('1')");

        assertThatThrownBy(() -> strata().adopt(Optional.empty(), false))
                .hasMessageContaining("holds the histories of dbmate (schema_migrations) and diesel"
                        + " (__diesel_schema_migrations); choose one with --from (dbmate or diesel)");
        assertThatThrownBy(() -> strata().adopt(Optional.of(Tool.FLYWAY), false))
                .hasMessageContaining("holds no history of Flyway (no rows in flyway_schema_history)");
        assertThat(strata().adopt(Optional.of(Tool.DIESEL), false).adopted()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void noOtherHistoryIsAClearRefusal(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "1_a.sql", "CREATE TABLE a (id INT);");

        assertThatThrownBy(() -> strata().adopt(Optional.empty(), false))
                .hasMessageContaining("holds no history of another tool")
                .hasMessageContaining("strata baseline --version V");
    }
}
