package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password hiding, checked on the packaged jar. Concurrency is {@link ConcurrencyIT}'s subject and
 * SIGKILL at random moments {@link CrashIT}'s.
 */
class ProcessIT {

    private static final int MIGRATIONS = 40;
    private static final int ROWS_PER_MIGRATION = 2000;

    @TempDir
    Path project;

    /** Each migration creates a table and fills it in two statements, so a half-applied one would show. */
    private void writeMigrations() throws IOException {
        Path dir = Files.createDirectories(project.resolve("migrations"));
        for (int i = 1; i <= MIGRATIONS; i++) {
            Files.writeString(dir.resolve(String.format("%04d_table_%d.sql", i, i)),
                    "CREATE TABLE t" + i + " (n INTEGER NOT NULL);\n"
                    + "INSERT INTO t" + i + " (n) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
                    + " WHERE x < " + ROWS_PER_MIGRATION + ") SELECT x FROM c;\n");
        }
    }

    @Test
    void aPasswordNeverAppearsInAnyOutput() throws Exception {
        writeMigrations();
        String secret = "Sup3r-Secret-Pw";
        String database = PostgresServer.newDatabase();
        String url = "postgres://postgres:" + secret + "@localhost:" + PostgresServer.port() + "/" + database;
        String unreachable = "postgres://postgres:" + secret + "@127.0.0.1:1/" + database;
        Files.writeString(project.resolve("migrations/0041_broken.sql"), "INSERT INTO nowhere VALUES (1);");

        List<StrataProcess.Finished> runs = List.of(
                StrataProcess.run(project, Map.of(), "--url", url, "migrate"),
                StrataProcess.run(project, Map.of(), "--url", url, "status"),
                StrataProcess.run(project, Map.of(), "--url", url, "status", "--json"),
                StrataProcess.run(project, Map.of(), "--url", url, "validate"),
                StrataProcess.run(project, Map.of("DATABASE_URL", url), "migrate", "--dry-run"),
                StrataProcess.run(project, Map.of(), "--url", unreachable, "status"),
                StrataProcess.run(project, Map.of(), "--url", "postgres://postgres:" + secret + "@localhost:99999/x",
                        "status"));

        for (StrataProcess.Finished run : runs) {
            assertThat(run.output()).doesNotContain(secret).doesNotContain("\tat ");
        }
        assertThat(runs.get(0).exitCode()).isEqualTo(1);
        assertThat(runs.get(0).output()).contains("migrations/0041_broken.sql:1");
        assertThat(runs.get(1).output()).contains("postgres://postgres:***@localhost");
        assertThat(runs.get(5).exitCode()).isEqualTo(1);
        assertThat(runs.get(5).output()).contains("could not connect");
        assertThat(runs.get(6).exitCode()).isEqualTo(2);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
