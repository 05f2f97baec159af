package dev.strata.advise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PostgresAdvisorTest extends AdvisorContractTest {

    @Override
    protected String newDatabaseUrl(Path folder) {
        return PostgresServer.newDatabaseUrl();
    }

    @Test
    void indexesNoQueryHasUsedAreAdvisoryOnly() {
        AdviceReport report = strata().advise(false);

        assertThat(report.usageSince()).isNotNull();
        assertThat(report.findings())
                .filteredOn(finding -> finding.id().equals(Finding.UNUSED))
                .isNotEmpty()
                .allSatisfy(finding -> assertThat(finding.automatic()).isFalse())
                .extracting(Finding::index)
                .contains("ix_alert_logs_value", "ix_market_data_price")
                .doesNotContain("ix_market_data_price_copy", "ix_alert_logs_status"); // said once, as duplicates
    }

    @Test
    void anIndexAQueryUsedIsNotUnused() throws Exception {
        try (var connection = Jdbc.connect(url);
                var statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            statement.executeQuery("SELECT * FROM alert_logs WHERE value = 1").close();
        }
        // Statistics reach the shared counters when the session ends or within a second.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Jdbc.count(url, "SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'ix_alert_logs_value'")
                        == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertThat(strata().advise(false).findings())
                .filteredOn(finding -> finding.id().equals(Finding.UNUSED))
                .extracting(Finding::index)
                .doesNotContain("ix_alert_logs_value")
                .contains("ix_alert_logs_severity");
    }

    @Test
    void theMigrationBuildsAndDropsConcurrentlyOutsideATransaction() throws Exception {
        Path up = strata().writeAdviceMigration(strata().advise(false)).get(0);

        assertThat(Files.readString(up))
                .startsWith("-- strata:no-transaction\n")
                .contains("CREATE INDEX CONCURRENTLY ix_alert_logs_rule_id ON public.alert_logs")
                .contains("DROP INDEX CONCURRENTLY IF EXISTS public.ix_market_data_price_copy;");
    }
}
