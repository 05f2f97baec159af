package dev.strata.advise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresInsertBenchTest extends InsertBenchContractTest {

    @Override
    protected String newDatabaseUrl(Path folder) {
        return PostgresServer.newDatabaseUrl();
    }

    @Test
    void typesOnlyPostgresHasGetValuesAndTheCopyIsDroppedAfterwards() {
        Jdbc.execute(url, "CREATE SCHEMA audit");
        Jdbc.execute(
                url,
                "CREATE TABLE audit.events (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " key UUID NOT NULL UNIQUE, payload JSONB, at TIMESTAMPTZ NOT NULL, tags TEXT[], raw BYTEA,"
                        + " took INTERVAL, flag BOOLEAN NOT NULL DEFAULT false)");
        Jdbc.execute(url, "CREATE INDEX ix_events_at ON audit.events (at)");
        long databases = Jdbc.count(url, "SELECT count(*) FROM pg_database");

        InsertBenchReport report = strata().benchInsert("audit.events", 500, List.of("audit.ix_events_at"));

        assertThat(report.table()).isEqualTo("audit.events");
        assertThat(report.without()).containsExactly("audit.ix_events_at");
        assertThat(Jdbc.count(url, "SELECT count(*) FROM audit.events")).isZero();
        assertThat(Jdbc.count(url, "SELECT count(*) FROM pg_database")).isEqualTo(databases);
    }
}
