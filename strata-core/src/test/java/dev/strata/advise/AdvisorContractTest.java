package dev.strata.advise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.engine.DownRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata advise} on seed 002's market data and alert log tables, on a live database of each
 * engine: the advice, and the migration it writes, applied and reverted.
 */
abstract class AdvisorContractTest {

    /** Seed 002's schema, cut down: the indexes it names, and an alert log with eight of them. */
    static final String SCHEMA = String.join(
            "\n",
            "CREATE TABLE instruments (id INTEGER PRIMARY KEY, symbol TEXT NOT NULL);",
            "CREATE TABLE market_data (id INTEGER PRIMARY KEY,",
            "    instrument_id INTEGER NOT NULL REFERENCES instruments (id),",
            "    timestamp TEXT NOT NULL, price REAL, bid REAL, ask REAL);",
            "CREATE INDEX ix_market_data_timestamp ON market_data (timestamp);",
            "CREATE INDEX ix_market_data_timestamp_instrument ON market_data (timestamp, instrument_id);",
            "CREATE INDEX ix_market_data_latest ON market_data (instrument_id, timestamp);",
            "CREATE INDEX ix_market_data_price ON market_data (price);",
            "CREATE INDEX ix_market_data_price_copy ON market_data (price);",
            "CREATE TABLE alert_rules (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
            "CREATE TABLE alert_logs (id INTEGER PRIMARY KEY,",
            "    rule_id INTEGER NOT NULL REFERENCES alert_rules (id),",
            "    instrument_id INTEGER, timestamp TEXT, status TEXT, severity TEXT, value REAL);",
            "CREATE INDEX ix_alert_logs_timestamp ON alert_logs (timestamp);",
            "CREATE INDEX ix_alert_logs_instrument ON alert_logs (instrument_id);",
            "CREATE INDEX ix_alert_logs_status ON alert_logs (status);",
            "CREATE INDEX ix_alert_logs_severity ON alert_logs (severity);",
            "CREATE INDEX ix_alert_logs_value ON alert_logs (value);",
            "CREATE INDEX ix_alert_logs_status_severity ON alert_logs (status, severity);",
            "CREATE INDEX ix_alert_logs_instrument_status ON alert_logs (instrument_id, status);",
            "");

    @TempDir
    Path project;

    String url;

    protected abstract String newDatabaseUrl(Path folder);

    @BeforeEach
    void schema() throws IOException {
        url = newDatabaseUrl(project);
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_schema.sql"), SCHEMA);
        strata().migrate();
    }

    Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    private static List<Finding> of(AdviceReport report, String id) {
        return report.findings().stream()
                .filter(finding -> finding.id().equals(id))
                .toList();
    }

    @Test
    void seed002sIndexesAreFoundForWhatTheyAre() {
        AdviceReport report = strata().advise(false);

        assertThat(of(report, Finding.DUPLICATE)).singleElement().satisfies(finding -> {
            assertThat(finding.table()).isEqualTo("market_data");
            assertThat(finding.index()).isEqualTo("ix_market_data_price_copy");
            assertThat(finding.message()).contains("duplicates ix_market_data_price");
            assertThat(finding.fix()).contains("DROP INDEX").contains("ix_market_data_price_copy");
            assertThat(finding.automatic()).isTrue();
        });
        assertThat(of(report, Finding.REDUNDANT_PREFIX))
                .extracting(Finding::index)
                .contains("ix_market_data_timestamp", "ix_alert_logs_instrument")
                .doesNotContain("ix_market_data_timestamp_instrument", "ix_market_data_latest");
        assertThat(of(report, Finding.REDUNDANT_PREFIX))
                .filteredOn(f -> f.index().equals("ix_market_data_timestamp"))
                .singleElement()
                .extracting(Finding::message)
                .asString()
                .contains("ix_market_data_timestamp_instrument (timestamp, instrument_id)");
        assertThat(of(report, Finding.FK_WITHOUT_INDEX)).singleElement().satisfies(finding -> {
            assertThat(finding.table()).isEqualTo("alert_logs");
            assertThat(finding.index()).isEqualTo("ix_alert_logs_rule_id");
            assertThat(finding.message()).contains("alert_logs (rule_id) -> alert_rules");
            assertThat(finding.fix())
                    .contains("CREATE INDEX")
                    .contains("ix_alert_logs_rule_id")
                    .contains("rule_id");
        });
        assertThat(of(report, Finding.WRITE_AMPLIFICATION)).singleElement().satisfies(finding -> {
            assertThat(finding.table()).isEqualTo("alert_logs");
            assertThat(finding.message()).contains("7 indexes").contains("strata bench-insert alert_logs");
            assertThat(finding.automatic()).isFalse();
        });
    }

    @Test
    void theWrittenMigrationFixesWhatItCanAndRevertsCleanly() throws IOException {
        AdviceReport before = strata().advise(false);

        List<Path> files = strata().writeAdviceMigration(before);

        assertThat(files).hasSize(2);
        String up = Files.readString(files.get(0));
        assertThat(up.indexOf("ix_alert_logs_rule_id"))
                .as("indexes are created before any is dropped")
                .isLessThan(up.indexOf("ix_market_data_price_copy"));
        strata().migrate();
        AdviceReport after = strata().advise(false);
        assertThat(after.findings())
                .extracting(Finding::id)
                .doesNotContain(Finding.DUPLICATE, Finding.REDUNDANT_PREFIX, Finding.FK_WITHOUT_INDEX);

        strata().down(DownRequest.steps(1));
        assertThat(strata().advise(false).automatic()).isEqualTo(before.automatic());
    }

    @Test
    void theSchemaOfTheMigrationsCanBeAdvisedWithoutTheDatabase() {
        AdviceReport report = strata().advise(true);

        assertThat(report.database()).contains("migrations");
        assertThat(report.automatic())
                .extracting(Finding::index)
                .containsAll(strata().advise(false).automatic().stream()
                        .map(Finding::index)
                        .toList());
        assertThat(of(report, Finding.UNUSED)).isEmpty();
    }

    @Test
    void aCleanSchemaHasNoAdviceAndNothingToWrite() throws IOException {
        Files.writeString(
                project.resolve("migrations/0002_clean.sql"),
                String.join(
                        "\n",
                        "-- strata:allow drop-table the test starts over with a clean schema",
                        "DROP TABLE alert_logs;",
                        "-- strata:allow drop-table the test starts over with a clean schema",
                        "DROP TABLE alert_rules;",
                        "-- strata:allow drop-table the test starts over with a clean schema",
                        "DROP TABLE market_data;",
                        ""));
        strata().migrate();

        AdviceReport report = strata().advise(false);

        assertThat(report.findings())
                .filteredOn(finding -> !finding.id().equals(Finding.UNUSED))
                .isEmpty();
        assertThat(strata().writeAdviceMigration(new AdviceReport(report.database(), List.of(), null)))
                .isEmpty();
    }
}
