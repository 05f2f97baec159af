package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.dialect.MigrationFailedException;
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
 * Strata splits PostgreSQL files as the server reads them with standard_conforming_strings on. A
 * session where it is off (set by a migration, or by the database's settings) would read backslashes
 * in '...' as escapes and end statements elsewhere, so no statement is sent in such a session.
 */
class PostgresStringReadingTest {

    @TempDir
    Path project;

    private Strata strata(String url) {
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

    @Test
    void aMigrationThatTurnsStandardStringsOffStopsBeforeItsNextStatement() throws IOException {
        String url = PostgresServer.newDatabaseUrl();
        write(
                "0001_a.sql",
                "CREATE TABLE acct (id int PRIMARY KEY, bal int);\nINSERT INTO acct VALUES (42, 1), (43, 2);");
        strata(url).migrate();
        // With the setting off, the server reads '\' as an unfinished string: the DELETE would be a string's
        // tail for strata but run for PostgreSQL, or the other way round.
        write("0002_b.sql", "SET standard_conforming_strings = off;\nUPDATE acct SET bal = 0 WHERE id = 42;\n");

        assertThatThrownBy(() -> strata(url).migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("migrations/0002_b.sql:2")
                .hasMessageContaining("standard_conforming_strings is off in this session")
                .hasMessageContaining("rolled back");
        assertThat(Jdbc.query(url, "SELECT bal FROM acct ORDER BY id")).containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void aDatabaseWhoseSessionsStartWithStandardStringsOffIsRefusedAtTheFirstStatement() throws IOException {
        String url = PostgresServer.newDatabaseUrl();
        String database = url.substring(url.lastIndexOf('/') + 1);
        PostgresServer.execute("ALTER DATABASE " + database + " SET standard_conforming_strings = off");
        write("0001_a.sql", "CREATE TABLE a (id int);");

        assertThatThrownBy(() -> strata(url).migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("migrations/0001_a.sql:1")
                .hasMessageContaining("standard_conforming_strings is off");
    }
}
