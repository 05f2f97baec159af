package dev.strata.advise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqliteAdvisorTest extends AdvisorContractTest {

    @Override
    protected String newDatabaseUrl(Path folder) {
        return "sqlite:" + folder.resolve("app.db");
    }

    @Test
    void sqliteKeepsNoIndexStatisticsSoNothingIsCalledUnused() {
        assertThat(strata().advise(false).findings()).extracting(Finding::id).doesNotContain(Finding.UNUSED);
        assertThat(strata().advise(false).usageSince()).isNull();
    }

    @Test
    void theMigrationRunsInItsTransaction() throws Exception {
        Path up = strata().writeAdviceMigration(strata().advise(false)).get(0);

        assertThat(Files.readString(up))
                .doesNotContain("no-transaction")
                .doesNotContain("CONCURRENTLY")
                .contains("DROP INDEX IF EXISTS ix_market_data_price_copy;");
    }
}
