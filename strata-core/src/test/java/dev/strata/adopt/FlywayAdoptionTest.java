package dev.strata.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.engine.AdoptResult;
import dev.strata.engine.MigrationRefusedException;
import dev.strata.engine.MigrationState;
import dev.strata.engine.MigrationStatus;
import dev.strata.engine.StatusReport;
import dev.strata.testing.Jdbc;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real Flyway applies a folder; strata finds its history, refuses to re-run it, and adopts it. */
class FlywayAdoptionTest {

    @TempDir
    Path project;

    private String url;

    private Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    private void flywayMigrates() {
        Flyway.configure()
                .loggers("slf4j")
                .dataSource(Jdbc.jdbcUrl(url), null, null)
                .locations("filesystem:" + project.resolve("migrations"))
                .load()
                .migrate();
    }

    private void flywayFolder() throws IOException {
        MigrationFiles.write(
                project, "V1__create_items.sql", "CREATE TABLE items (id INT PRIMARY KEY, price INT NOT NULL);\r\n");
        MigrationFiles.write(project, "V1.1__seed.sql", "INSERT INTO items (id, price) VALUES (1, 10);\n");
        MigrationFiles.write(
                project, "V2__add_orders.sql", "\uFEFFCREATE TABLE orders (id INT PRIMARY KEY);\n\n-- done\n");
        MigrationFiles.write(
                project,
                "R__cheap_items.sql",
                "DROP VIEW IF EXISTS cheap_items;\n"
                        + "CREATE VIEW cheap_items AS SELECT id FROM items WHERE price < 20;\n");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void statusShowsFlywaysHistoryAndMigrateRefusesUntilAdopted(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        flywayFolder();
        flywayMigrates();
        MigrationFiles.write(project, "V3__add_customers.sql", "CREATE TABLE customers (id INT PRIMARY KEY);\n");

        StatusReport status = strata().status();

        assertThat(status.foreign()).extracting(h -> h.tool()).containsExactly(Tool.FLYWAY);
        assertThat(status.migrations())
                .extracting(MigrationStatus::state)
                .containsExactly(
                        MigrationState.ADOPTABLE,
                        MigrationState.ADOPTABLE,
                        MigrationState.ADOPTABLE,
                        MigrationState.PENDING,
                        MigrationState.ADOPTABLE);
        assertThat(status.migrations().get(0).appliedAt())
                .as("Flyway's time of the run")
                .isPresent();
        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("holds the history of Flyway (flyway_schema_history) with 4 rows")
                .hasMessageContaining("Run 'strata adopt'");
        assertThat(engine.tables(url)).doesNotContain("customers", "strata_history");
        assertThat(strata().validate(false).problems())
                .extracting(p -> p.kind())
                .containsExactly("adoptable");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void adoptTakesOverEveryMigrationFlywayRanThenMigrateRunsOnlyTheNewOne(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        flywayFolder();
        flywayMigrates();
        MigrationFiles.write(project, "V3__add_customers.sql", "CREATE TABLE customers (id INT PRIMARY KEY);\n");

        AdoptResult result = strata().adopt(Optional.empty(), false);

        assertThat(result.from().tool()).isEqualTo(Tool.FLYWAY);
        assertThat(result.adopted())
                .extracting(r -> r.version().text())
                .containsExactly("1", "1.1", "2", "R__cheap_items");
        assertThat(result.adopted()).allSatisfy(r -> assertThat(r.appliedBy()).endsWith("(adopted from Flyway)"));
        assertThat(result.unmatched()).isEmpty();
        assertThat(result.warnings())
                .as("strata computes Flyway's checksums as Flyway does (CRLF, BOM included)")
                .isEmpty();
        assertThat(strata().status().migrations())
                .extracting(MigrationStatus::state)
                .containsExactly(
                        MigrationState.APPLIED,
                        MigrationState.APPLIED,
                        MigrationState.APPLIED,
                        MigrationState.PENDING,
                        MigrationState.APPLIED);

        assertThat(strata().migrate().applied()).extracting(r -> r.label()).containsExactly("3_add_customers");
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM items"))
                .as("the seed did not run twice")
                .isEqualTo(1);
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM flyway_schema_history"))
                .as("Flyway's table is left alone")
                .isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void aFileEditedSinceFlywayRanItIsAdoptedWithAWarning(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        flywayFolder();
        flywayMigrates();
        MigrationFiles.write(project, "V1.1__seed.sql", "INSERT INTO items (id, price) VALUES (1, 12);\n");

        AdoptResult result = strata().adopt(Optional.of(Tool.FLYWAY), false);

        assertThat(result.warnings())
                .singleElement()
                .asString()
                .contains("migrations/V1.1__seed.sql: differs from what Flyway ran");
        assertThat(result.adopted()).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void aMissingFileIsReportedAndNotRecorded(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        flywayFolder();
        flywayMigrates();
        Files.delete(project.resolve("migrations/V2__add_orders.sql"));

        AdoptResult dryRun = strata().adopt(Optional.empty(), true);
        assertThat(dryRun.dryRun()).isTrue();
        assertThat(engine.tables(url)).doesNotContain("strata_history");

        AdoptResult result = strata().adopt(Optional.empty(), false);

        assertThat(result.adopted()).extracting(r -> r.version().text()).containsExactly("1", "1.1", "R__cheap_items");
        assertThat(result.unmatched())
                .singleElement()
                .asString()
                .contains("version 2 (add orders): no file in the migrations folder has this version");
        assertThatThrownBy(() -> strata().adopt(Optional.empty(), false))
                .hasMessageContaining("already has a strata history");
    }
}
