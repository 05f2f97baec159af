package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.Strata;
import dev.strata.testing.Jdbc;
import dev.strata.testing.Postgres15Server;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The backup conformance suite on a real PostgreSQL 15 server with the real pg_dump, pg_restore
 * and psql of the PATH (Debian's postgresql-client; .ci/run installs it), and the clear errors when
 * those tools are missing or older than the server.
 */
class PostgresBackupTest extends BackupConformanceTest {

    @Override
    String newDatabaseUrl() {
        return Postgres15Server.newDatabaseUrl();
    }

    @Override
    String withPassword(String url, String password) {
        // The embedded server trusts local connections, so the password is carried but not needed.
        return url.replace("postgres://postgres@", "postgres://postgres:" + password + "@");
    }

    @Override
    AutoCloseable holdLock(String url) throws SQLException {
        Connection connection = Jdbc.connect(url);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            // An open transaction that has read a table keeps a lock on it, as a busy application does.
            statement.executeQuery("SELECT count(*) FROM users").close();
        }
        return () -> {
            connection.rollback();
            connection.close();
        };
    }

    @Override
    boolean tableExists(String url, String table) {
        return Jdbc.count(
                        url,
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
                                + " AND table_name = '" + table + "'")
                > 0;
    }

    @Override
    String extension() {
        return "pgdump";
    }

    @Test
    void withoutPgDumpOnThePathTheErrorSaysWhatToInstall() throws IOException {
        String url = populated();
        env.put("PATH", Files.createDirectories(project.resolve("empty-bin")).toString());

        assertThatThrownBy(() -> strata(url).backup(Optional.empty()))
                .isInstanceOf(BackupException.class)
                .hasMessageStartingWith("pg_dump was not found on the PATH; strata uses PostgreSQL's pg_dump to back"
                        + " up PostgreSQL 15 databases. Install the PostgreSQL client tools, version 15 or newer"
                        + " (Debian and Ubuntu: postgresql-client-15");
        assertThatThrownBy(() -> strata(url).restore(Path.of("x.pgdump"), true))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("does not exist");
        Files.writeString(project.resolve("x.pgdump"), "x");
        assertThatThrownBy(() -> strata(url).restore(Path.of("x.pgdump"), true))
                .isInstanceOf(BackupException.class)
                .hasMessageStartingWith("pg_restore was not found on the PATH");
        assertThat(project.resolve("backups")).as("no file is left behind").satisfies(folder -> {
            try (Stream<Path> files = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
                assertThat(files).isEmpty();
            }
        });
    }

    @Test
    void aPgDumpOlderThanTheServerIsRefusedWithBothVersions() throws Exception {
        int local = localPgDumpMajor();
        // PostgresServer runs PostgreSQL 17; the check is only meaningful with an older pg_dump here.
        assumeTrue(local > 0 && local < 17, "needs a pg_dump older than 17 on the PATH");
        String url = PostgresServer.newDatabaseUrl();
        Strata strata = Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(env)
                .load();
        strata.migrate();

        assertThatThrownBy(() -> strata.backup(Optional.empty()))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("is version " + local + ", and " + url + " runs PostgreSQL 17; pg_dump can't"
                        + " dump a server newer than itself. Install the PostgreSQL 17 client tools (or newer)");
    }

    private static int localPgDumpMajor() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("pg_dump", "--version")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            return 0;
        }
        Matcher matcher = Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(output);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
