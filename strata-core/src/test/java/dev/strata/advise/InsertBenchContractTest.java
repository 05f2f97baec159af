package dev.strata.advise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.ConfigurationException;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata bench-insert} on each engine: it measures on a copy, leaves the live table alone,
 * and refuses names it does not know. No assertion is about speed.
 */
abstract class InsertBenchContractTest {

    @TempDir
    Path project;

    String url;

    protected abstract String newDatabaseUrl(Path folder);

    @BeforeEach
    void schema() throws IOException {
        url = newDatabaseUrl(project);
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                project.resolve("migrations/0001_schema.sql"),
                String.join(
                        "\n",
                        "CREATE TABLE instruments (id INTEGER PRIMARY KEY, symbol TEXT NOT NULL);",
                        "CREATE TABLE market_data (id INTEGER PRIMARY KEY,",
                        "    instrument_id INTEGER NOT NULL REFERENCES instruments (id),",
                        "    timestamp TEXT NOT NULL, price REAL CHECK (price >= 0), bid NUMERIC(12, 4), active BOOLEAN,",
                        "    recorded DATE, note VARCHAR(20), UNIQUE (timestamp));",
                        "CREATE INDEX ix_market_data_timestamp ON market_data (timestamp);",
                        "CREATE INDEX ix_market_data_timestamp_instrument ON market_data (timestamp, instrument_id);",
                        "CREATE INDEX ix_market_data_price ON market_data (price);",
                        ""));
        strata().migrate();
    }

    Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    @Test
    void bothVariantsAreMeasuredOnACopyAndTheLiveTableStaysEmpty() {
        InsertBenchReport report =
                strata().benchInsert("market_data", 2000, List.of("ix_market_data_timestamp", "ix_market_data_price"));

        assertThat(report.table()).isEqualTo("market_data");
        assertThat(report.indexes())
                .containsExactlyInAnyOrder(
                        "ix_market_data_timestamp", "ix_market_data_timestamp_instrument", "ix_market_data_price");
        assertThat(report.without()).containsExactlyInAnyOrder("ix_market_data_timestamp", "ix_market_data_price");
        assertThat(report.rows()).isEqualTo(2000);
        assertThat(report.rowsPerSecond()).isPositive();
        assertThat(report.rowsPerSecondWithout()).isPositive();
        assertThat(report.differencePercent())
                .isEqualTo((report.rowsPerSecondWithout() - report.rowsPerSecond()) / report.rowsPerSecond() * 100);
        assertThat(report.copiedTo()).isNotEqualTo(report.database());
        assertThat(report.notes()).anySatisfy(note -> assertThat(note).contains("foreign keys"));
        assertThat(Jdbc.count(url, "SELECT count(*) FROM market_data")).isZero();
    }

    @Test
    void anUnknownTableOrIndexIsAUsageErrorThatListsWhatThereIs() {
        assertThatThrownBy(() -> strata().benchInsert("market", 10, List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("has no table market")
                .hasMessageContaining("market_data");
        assertThatThrownBy(() -> strata().benchInsert("market_data", 10, List.of("ix_nope")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--without-index ix_nope")
                .hasMessageContaining("ix_market_data_price");
        assertThatThrownBy(() -> strata().benchInsert("market_data", 0, List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--rows 0");
    }
}
