package dev.strata.refactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.dialect.VerificationFailedException;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The D1 example's amount conversion (TEXT to REAL), end to end on a SQLite file: generate, migrate, check the data. */
class SqliteAlterTest {

    @TempDir
    Path project;

    String url;

    @BeforeEach
    void schema() throws IOException {
        url = "sqlite:" + project.resolve("app.db");
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0000_initial_schema.sql"), """
                CREATE TABLE IF NOT EXISTS zetachain_cctx_log (
                    cctx_hash TEXT PRIMARY KEY NOT NULL,
                    source_chain TEXT NOT NULL,
                    destination_chain TEXT NOT NULL,
                    asset TEXT,
                    amount TEXT,
                    status TEXT DEFAULT 'pending',
                    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
                    updated_at DATETIME DEFAULT CURRENT_TIMESTAMP
                );
                CREATE TABLE cctx_events (
                    id INTEGER PRIMARY KEY,
                    cctx_hash TEXT NOT NULL REFERENCES zetachain_cctx_log (cctx_hash) ON DELETE CASCADE,
                    note TEXT
                );
                """);
        Files.writeString(project.resolve("migrations/0001_add_performance_indexes.sql"), """
                CREATE INDEX IF NOT EXISTS idx_cctx_status ON zetachain_cctx_log(status);
                CREATE INDEX idx_cctx_pending ON zetachain_cctx_log(created_at) WHERE status = 'pending';
                CREATE VIEW pending_cctx AS SELECT cctx_hash, amount FROM zetachain_cctx_log WHERE status = 'pending';
                CREATE TRIGGER cctx_touch AFTER UPDATE OF status ON zetachain_cctx_log
                BEGIN
                    UPDATE zetachain_cctx_log SET updated_at = CURRENT_TIMESTAMP WHERE cctx_hash = new.cctx_hash;
                END;
                """);
        strata().migrate();
        Jdbc.execute(
                url,
                "INSERT INTO zetachain_cctx_log (cctx_hash, source_chain, destination_chain, amount, status)"
                        + " VALUES ('h1', 'eth', 'zeta', '12.5', 'pending'), ('h2', 'btc', 'zeta', '0.0001', 'done'),"
                        + " ('h3', 'eth', 'zeta', NULL, 'pending'), ('h4', 'eth', 'zeta', ' 7 ', 'done')");
        Jdbc.execute(
                url,
                "INSERT INTO cctx_events (id, cctx_hash, note) VALUES (1, 'h1', 'a'), (2, 'h2', 'b'),"
                        + " (3, 'h2', 'c')");
    }

    Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    @Test
    void amountTextToRealKeepsEveryRowIndexTriggerAndView() throws IOException {
        Refactorer.Result result = strata().alter(new AlterRequest(
                "zetachain_cctx_log", List.of(AlterOperation.type("amount=REAL", Optional.empty()))));

        assertThat(result.files())
                .singleElement()
                .satisfies(file -> assertThat(file.getFileName().toString())
                        .isEqualTo("0002_alter_zetachain_cctx_log_amount_type.sql"));
        String sql = Files.readString(result.files().get(0));
        assertThat(result.changes())
                .extracting(Object::toString)
                .contains("~ zetachain_cctx_log.amount type TEXT -> REAL");

        strata().migrate();

        assertThat(Jdbc.query(url, "SELECT cctx_hash, typeof(amount), amount FROM zetachain_cctx_log ORDER BY 1"))
                .containsExactly(
                        List.of("h1", "real", "12.5"),
                        List.of("h2", "real", "0.0001"),
                        java.util.Arrays.asList("h3", "null", null),
                        List.of("h4", "real", "7.0"));
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM cctx_events")).isEqualTo(3);
        assertThat(Jdbc.query(
                        url,
                        "SELECT name FROM sqlite_master WHERE type IN ('index', 'view', 'trigger')"
                                + " AND name NOT LIKE 'sqlite_%' ORDER BY name"))
                .extracting(row -> row.get(0))
                .containsExactly("cctx_touch", "idx_cctx_pending", "idx_cctx_status", "pending_cctx");
    }

    @Test
    void aValueThatIsNotANumberStopsTheConversionAndIsListed() throws IOException {
        Jdbc.execute(
                url,
                "INSERT INTO zetachain_cctx_log (cctx_hash, source_chain, destination_chain, amount)"
                        + " VALUES ('h5', 'eth', 'zeta', 'abc')");
        strata().alter(new AlterRequest(
                "zetachain_cctx_log", List.of(AlterOperation.type("amount=REAL", Optional.empty()))));

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("migrations/0002_alter_zetachain_cctx_log_amount_type.sql:")
                .hasMessageContaining("not_a_number = 'abc'")
                .hasMessageContaining("rolled back");

        assertThat(Jdbc.query(url, "SELECT typeof(amount), amount FROM zetachain_cctx_log WHERE cctx_hash = 'h5'"))
                .containsExactly(List.of("text", "abc"));
        assertThat(Jdbc.query(url, "SELECT sql FROM sqlite_master WHERE name = 'zetachain_cctx_log'")
                        .get(0)
                        .get(0))
                .contains("amount TEXT");
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM zetachain_cctx_log")).isEqualTo(5);
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM cctx_events")).isEqualTo(3);
    }
}
