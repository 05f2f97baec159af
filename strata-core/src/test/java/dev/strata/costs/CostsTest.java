package dev.strata.costs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.costs.CostReport.IndexCost;
import dev.strata.costs.CostReport.TableCost;
import dev.strata.testing.Jdbc;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata inspect} on real databases holding real rows. */
class CostsTest {

    @TempDir
    Path project;

    private Strata strata(String url) {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    private void schema(String url) throws IOException {
        MigrationFiles.write(project, "0001_events.sql", """
                CREATE TABLE events (id BIGINT PRIMARY KEY, kind TEXT NOT NULL, body TEXT);
                CREATE INDEX ix_events_kind ON events (kind);
                CREATE TABLE tags (id BIGINT PRIMARY KEY, name TEXT);
                """);
        strata(url).migrate();
    }

    @Test
    void sqliteSizesComeFromDbstatAndTheBiggestTableIsFirst() throws IOException {
        String url = "sqlite:" + project.resolve("app.db");
        schema(url);
        Jdbc.execute(
                url,
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
                        + " INSERT INTO events SELECT i, 'k' || (i % 7), hex(randomblob(40)) FROM n");

        CostReport report = strata(url).costs();

        TableCost events = report.tables().get(0);
        assertThat(events.name()).isEqualTo("events");
        assertThat(events.rows()).isEqualTo(5000);
        assertThat(events.bytes().getAsLong()).isGreaterThan(400_000);
        assertThat(events.indexBytes().getAsLong()).isGreaterThan(0);
        assertThat(report.tables()).extracting(TableCost::name).contains("tags", "strata_history");
        assertThat(report.indexes())
                .filteredOn(index -> index.name().equals("ix_events_kind"))
                .singleElement()
                .satisfies(index -> {
                    assertThat(index.table()).isEqualTo("events");
                    assertThat(index.scans()).isEmpty();
                });
        assertThat(report.notes()).anyMatch(note -> note.contains("no index use"));
    }

    @Test
    void postgresGivesEstimatesScansDeadRowsAndConnections() throws Exception {
        String url = "postgres://postgres@localhost:" + PostgresServer.port() + "/" + PostgresServer.newDatabase();
        schema(url);
        try (Connection connection = Jdbc.connect(url);
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE events SET (autovacuum_enabled = false)");
            statement.execute(
                    "INSERT INTO events SELECT i, 'k' || (i % 7), md5(i::text) FROM generate_series(1, 20000) i");
            statement.execute("DELETE FROM events WHERE id <= 15000");
            statement.execute("ANALYZE events");
            statement.execute("SELECT count(*) FROM events WHERE kind = 'k3'");
        }

        CostReport report = strata(url).costs();

        TableCost events = report.tables().stream()
                .filter(table -> table.name().equals("events"))
                .findFirst()
                .orElseThrow();
        assertThat(events.rows()).isBetween(4000L, 6000L);
        assertThat(events.bytes().getAsLong()).isGreaterThan(500_000);
        assertThat(events.deadRows().getAsLong()).isGreaterThanOrEqualTo(15000);
        assertThat(events.vacuumTrouble()).isTrue();
        assertThat(report.tables().get(0).name()).isEqualTo("events");
        assertThat(report.indexes()).extracting(IndexCost::name).contains("ix_events_kind", "events_pkey", "tags_pkey");
        assertThat(report.indexes())
                .filteredOn(index -> index.name().equals("tags_pkey"))
                .singleElement()
                .satisfies(index -> assertThat(index.scans()).hasValue(0));
        assertThat(report.connections()).isNotEmpty();
    }
}
