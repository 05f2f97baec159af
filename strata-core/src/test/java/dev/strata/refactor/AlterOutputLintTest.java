package dev.strata.refactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.engine.LintRequest;
import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What strata alter writes passes strata's own lint: its rebuild's new table gets the old indexes back. */
class AlterOutputLintTest {

    @TempDir
    Path project;

    @Test
    void theRebuildOfATableWithAnIndexedForeignKeyIsNotAMissingIndex() throws IOException {
        String url = "sqlite:" + project.resolve("app.db");
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_orders.sql"), """
                CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY, name TEXT);
                CREATE TABLE IF NOT EXISTS orders (
                    id INTEGER PRIMARY KEY,
                    customer_id INTEGER NOT NULL REFERENCES customers (id),
                    total TEXT
                );
                CREATE INDEX IF NOT EXISTS ix_orders_customer ON orders (customer_id);
                """);
        Strata strata = Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
        strata.migrate();

        Refactorer.Result result = strata.alter(
                new AlterRequest("orders", List.of(AlterOperation.type("total=NUMERIC", Optional.empty()))));
        String written = project.relativize(result.files().get(0)).toString().replace('\\', '/');
        assertThat(Files.readString(result.files().get(0))).contains("orders_new", "ix_orders_customer");

        LintReport report = strata.lint(LintRequest.everything());

        assertThat(report.findings())
                .filteredOn(f -> f.file().equals(written))
                .extracting(Finding::rule)
                .doesNotContain("fk-without-index", "drop-table");
        assertThat(strata.lint(new LintRequest(List.of(), false, false)).findings())
                .filteredOn(f -> f.file().equals(written))
                .extracting(Finding::rule)
                .doesNotContain("fk-without-index", "drop-table");
    }
}
