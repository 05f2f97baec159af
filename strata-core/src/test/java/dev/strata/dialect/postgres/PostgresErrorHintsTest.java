package dev.strata.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.engine.MigrationState;
import dev.strata.engine.MigrationStatus;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresDataTemplate;
import dev.strata.testing.PostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each hint of {@link PostgresErrorHints}, provoked for real: the error comes from the embedded
 * PostgreSQL server, and the message strata shows carries the hint under the server's own words. The
 * login hints run on a server of their own whose pg_hba.conf asks one user for a password and lets
 * another in only over SSL.
 */
class PostgresErrorHintsTest {

    private static final String PASSWORD = "the-right-password-7";
    private static EmbeddedPostgres guarded;
    private static Path guardedData;

    @TempDir
    Path project;

    @BeforeAll
    static void startGuardedServer() throws IOException, SQLException {
        guardedData = PostgresDataTemplate.newDataFolder();
        guarded = PostgresDataTemplate.builder(guardedData)
                .setDataDirectoryCustomizer(dir -> {
                    try {
                        Files.writeString(dir.toPath().resolve("pg_hba.conf"), """
                                local all all trust
                                host all strata_pw 127.0.0.1/32 scram-sha-256
                                host all strata_pw ::1/128 scram-sha-256
                                hostssl all strata_ssl all trust
                                host all strata_ssl all reject
                                host all all all trust
                                """);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .start();
        try (Connection connection = guarded.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("CREATE ROLE strata_pw LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE ROLE strata_ssl LOGIN");
        }
    }

    @AfterAll
    static void stopGuardedServer() throws IOException {
        PostgresDataTemplate.stop(guarded, guardedData);
    }

    private Strata strata(String url) throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    private void write(String file, String sql) throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations").resolve(file), sql);
    }

    private static String major() {
        return Jdbc.query(PostgresServer.newDatabaseUrl(), "SHOW server_version_num")
                .get(0)
                .get(0)
                .substring(0, 2);
    }

    @Test
    void aMissingExtensionSaysItIsNotOnTheServerAndWhichPackageProvidesIt() throws IOException {
        String url = PostgresServer.newDatabaseUrl();
        // The premise: this server has no TimescaleDB at all.
        assertThat(Jdbc.query(url, "SELECT name FROM pg_available_extensions WHERE name = 'timescaledb'"))
                .isEmpty();
        write("0001_events.sql", "CREATE EXTENSION IF NOT EXISTS timescaledb;\n");

        assertThatThrownBy(() -> strata(url).migrate())
                .isInstanceOf(StrataException.class)
                .hasMessageContaining("database says:")
                .hasMessageContaining("timescaledb")
                .hasMessageContaining("hint: The extension timescaledb is not installed on the database server (it is"
                        + " not in pg_available_extensions): install the package timescaledb-2-postgresql-" + major());
    }

    @Test
    void aTypeFromAnExtensionNotCreatedSaysWhichExtension() throws IOException {
        String url = PostgresServer.newDatabaseUrl();
        write("0001_places.sql", "CREATE TABLE places (id bigint PRIMARY KEY, at geometry);\n");

        assertThatThrownBy(() -> strata(url).migrate())
                .hasMessageContaining("type \"geometry\" does not exist")
                .hasMessageContaining("hint: geometry comes from the extension postgis: add CREATE EXTENSION IF NOT"
                        + " EXISTS postgis to an earlier migration")
                .hasMessageContaining("postgresql-" + major() + "-postgis-3");
    }

    @Test
    void missingPrivilegesNameThePrivilegeTheObjectAndTheGrant() throws IOException {
        String database = PostgresServer.newDatabase();
        PostgresServer.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'strata_hint_user')"
                + " THEN CREATE ROLE strata_hint_user LOGIN; END IF; END $$");
        String owner = "postgres://postgres@localhost:" + PostgresServer.port() + "/" + database;
        Jdbc.execute(owner, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        Jdbc.execute(owner, "CREATE TABLE owned (id bigint)");
        String url = "postgres://strata_hint_user@localhost:" + PostgresServer.port() + "/" + database;
        write("0001_fill.sql", "INSERT INTO owned VALUES (1);\n");

        // Without CREATE on the schema, not even strata's history table can be made.
        assertThatThrownBy(() -> strata(url).migrate())
                .hasMessageContaining("permission denied for schema public")
                .hasMessageContaining("hint: the user strata_hint_user lacks the CREATE privilege on schema public:"
                        + " have its owner (or a superuser) run GRANT CREATE ON SCHEMA public TO strata_hint_user");

        Jdbc.execute(owner, "GRANT CREATE, USAGE ON SCHEMA public TO strata_hint_user");
        assertThatThrownBy(() -> strata(url).migrate())
                .hasMessageContaining("0001_fill.sql:1")
                .hasMessageContaining("permission denied for table owned")
                .hasMessageContaining("hint: the user strata_hint_user lacks the INSERT privilege on table owned:"
                        + " have its owner (or a superuser) run GRANT INSERT ON TABLE owned TO strata_hint_user");
    }

    @Test
    void createExtensionWithoutSuperuserSaysASuperuserMustRunItOnce() throws IOException {
        String database = PostgresServer.newDatabase();
        String owner = "postgres://postgres@localhost:" + PostgresServer.port() + "/" + database;
        // An untrusted extension this server has: only a superuser may create it.
        List<List<String>> untrusted = Jdbc.query(
                owner,
                "SELECT DISTINCT name FROM pg_available_extension_versions WHERE superuser AND NOT trusted"
                        + " AND name IN ('dblink', 'postgres_fdw', 'file_fdw', 'adminpack', 'pg_stat_statements')"
                        + " ORDER BY name LIMIT 1");
        Assumptions.assumeFalse(
                untrusted.isEmpty(), "this PostgreSQL build has none of the untrusted contrib extensions");
        String extension = untrusted.get(0).get(0);
        PostgresServer.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'strata_hint_user')"
                + " THEN CREATE ROLE strata_hint_user LOGIN; END IF; END $$");
        Jdbc.execute(owner, "GRANT CREATE, USAGE ON SCHEMA public TO strata_hint_user");
        Jdbc.execute(owner, "GRANT CREATE ON DATABASE " + database + " TO strata_hint_user");
        write("0001_ext.sql", "CREATE EXTENSION IF NOT EXISTS " + extension + ";\n");
        String url = "postgres://strata_hint_user@localhost:" + PostgresServer.port() + "/" + database;

        assertThatThrownBy(() -> strata(url).migrate())
                .hasMessageContaining("permission denied to create extension")
                .hasMessageContaining("hint: Creating the extension " + extension + " needs a superuser");
    }

    @Test
    void aWrongPasswordIsNamedAndNeverPrinted() throws IOException {
        String url = "postgres://strata_pw:wrong-password-3@localhost:" + guarded.getPort() + "/postgres";

        assertThatThrownBy(() -> strata(url).status())
                .hasMessageContaining("password authentication failed for user \"strata_pw\"")
                .hasMessageContaining("hint: The server refused the password for this user")
                .message()
                .doesNotContain("wrong-password-3");
        // The premise: the right password gets in.
        String right = "postgres://strata_pw:" + PASSWORD + "@localhost:" + guarded.getPort() + "/postgres";
        assertThatCode(() -> strata(right).status()).doesNotThrowAnyException();
    }

    @Test
    void aServerThatWantsSslSaysToAskForIt() throws IOException {
        String url = "postgres://strata_ssl@localhost:" + guarded.getPort() + "/postgres";

        assertThatThrownBy(() -> strata(url).status())
                .hasMessageContaining("pg_hba.conf rejects connection")
                .hasMessageContaining("hint: The server accepts this user only over SSL: add sslmode=require");
    }

    @Test
    void askingForSslFromAServerWithoutItSaysSo() throws IOException {
        String url = "postgres://postgres@localhost:" + guarded.getPort() + "/postgres?sslmode=require";

        assertThatThrownBy(() -> strata(url).status())
                .hasMessageContaining("does not support SSL")
                .hasMessageContaining("hint: The URL asks for SSL (sslmode), but this server offers none");
    }

    /**
     * Puts a file-size limit (RLIMIT_FSIZE, what {@code ulimit -f} sets) on a running server's postmaster,
     * so that every session it starts afterwards inherits it: a full disk without a mount or root.
     * PostgreSQL ignores the SIGXFSZ a write past the limit raises; the write comes back short, or fails
     * with EFBIG.
     */
    private static void limitFileSize(Path data, long bytes) throws IOException, InterruptedException {
        String postmaster =
                Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip();
        Process prlimit;
        try {
            prlimit = new ProcessBuilder("prlimit", "--pid", postmaster, "--fsize=" + bytes)
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            Assumptions.abort("prlimit (util-linux) is not installed");
            return;
        }
        String output = new String(prlimit.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(prlimit.waitFor()).as(output).isZero();
    }

    /** 20 MB and a bit: above a WAL segment (16 MB, written whole when created), not a multiple of a block. */
    private static final long FILE_SIZE_LIMIT = 20L * 1024 * 1024 + 1234;

    @Test
    void aFullDiskSaysToFreeSpaceAndRecordsNothing(@TempDir Path data) throws Exception {
        try (EmbeddedPostgres server = PostgresDataTemplate.builder(data).start()) {
            String url = "postgres://postgres@localhost:" + server.getPort() + "/postgres";
            // A million keys, written before the limit; frozen and checkpointed, so that no session under
            // the limit has to write their pages back.
            Jdbc.execute(url, "CREATE TABLE keys AS SELECT i::bigint AS id FROM generate_series(1, 1000000) AS i");
            Jdbc.execute(url, "VACUUM (FREEZE) keys");
            Jdbc.execute(url, "CHECKPOINT");
            limitFileSize(data, FILE_SIZE_LIMIT);
            write("0001_note.sql", "CREATE TABLE note (id bigint PRIMARY KEY);\n");
            strata(url).migrate();
            // Its index (about 22 MB) is written block by block, and the block across the limit comes short.
            write("0002_keys_index.sql", "CREATE INDEX keys_id ON keys (id);\n");

            assertThatThrownBy(() -> strata(url).migrate())
                    .isInstanceOf(StrataException.class)
                    .hasMessageContaining("0002_keys_index.sql:1")
                    .hasMessageContaining("could not extend file")
                    .hasMessageContaining("wrote only")
                    .hasMessageContaining("hint: The server's disk is full");

            assertThat(Jdbc.query(url, "SELECT version FROM strata_history ORDER BY version"))
                    .containsExactly(List.of("0001"));
            assertThat(strata(url).status().migrations())
                    .extracting(MigrationStatus::name, MigrationStatus::state)
                    .containsExactly(
                            tuple("note", MigrationState.APPLIED), tuple("keys_index", MigrationState.PENDING));
            assertThat(Jdbc.query(url, "SELECT to_regclass('keys_id') IS NULL")).containsExactly(List.of("t"));
        }
    }

    @Test
    void aFileSizeLimitSaysWhichLimitAndRecordsNothing(@TempDir Path data) throws Exception {
        try (EmbeddedPostgres server = PostgresDataTemplate.builder(data).start()) {
            limitFileSize(data, FILE_SIZE_LIMIT);
            String url = "postgres://postgres@localhost:" + server.getPort() + "/postgres";
            String create = "CREATE TABLE filler (id bigint PRIMARY KEY, body text NOT NULL)";
            // About 40 MB of rows: the table's file reaches the limit part-way. A table grows by several
            // blocks at once, and the write across the limit fails with EFBIG rather than coming short.
            String fill = "INSERT INTO filler SELECT i, repeat('x', 500) FROM generate_series(1, 80000) AS i";
            // The premise: the server gives EFBIG no SQLSTATE of its own.
            try (Connection connection = Jdbc.connect(url);
                    Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute(create);
                assertThatThrownBy(() -> statement.execute(fill))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("File too large")
                        .satisfies(e ->
                                assertThat(((SQLException) e).getSQLState()).isEqualTo("XX000"));
                connection.rollback();
            }
            write("0001_filler.sql", create + ";\n" + fill + ";\n");

            assertThatThrownBy(() -> strata(url).migrate())
                    .isInstanceOf(StrataException.class)
                    .hasMessageContaining("0001_filler.sql:2")
                    .hasMessageContaining("could not extend file")
                    .hasMessageContaining("File too large")
                    .hasMessageContaining("hint: A file of the database reached the largest size the server may"
                            + " write: a file-size limit on the server's processes (RLIMIT_FSIZE");

            assertThat(Jdbc.query(url, "SELECT count(*) FROM strata_history")).containsExactly(List.of("0"));
            assertThat(Jdbc.query(url, "SELECT to_regclass('filler') IS NULL")).containsExactly(List.of("t"));
        }
    }

    @Test
    void aClosedPortSaysNothingListensThere() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "postgres://postgres@localhost:" + port + "/postgres";

        assertThatThrownBy(() -> strata(url).status())
                .hasMessageContaining("refused")
                .hasMessageContaining("hint: Nothing accepts connections at that host and port");
    }
}
