package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.testing.Jdbc;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Flyway, dbmate and SQLx folders, migrated, reported and reverted on both engines. */
class OtherToolsLayoutsRunTest {

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

    private MigrationStatus row(String version) {
        return strata().status().migrations().stream()
                .filter(m -> m.version().text().equals(version))
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void flywayFolderRunsVersionedThenRepeatableAndRevertsWithUndo(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(
                project, "V1__create_items.sql", "CREATE TABLE items (id INT PRIMARY KEY, price INT NOT NULL);");
        MigrationFiles.write(project, "V1.1__seed.sql", "INSERT INTO items (id, price) VALUES (1, 10);");
        MigrationFiles.write(project, "V2__add_orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY);");
        MigrationFiles.write(project, "U2__add_orders.sql", "DROP TABLE orders;");
        MigrationFiles.write(
                project,
                "R__cheap_items.sql",
                "DROP VIEW IF EXISTS cheap_items;\n"
                        + "CREATE VIEW cheap_items AS SELECT id FROM items WHERE price < 20;");

        MigrateResult result = strata().migrate();

        assertThat(result.applied())
                .extracting(r -> r.version().text())
                .containsExactly("1", "1.1", "2", "R__cheap_items");
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM cheap_items")).isEqualTo(1);
        assertThat(row("R__cheap_items").state()).isEqualTo(MigrationState.APPLIED);
        assertThat(strata().migrate().applied())
                .as("an unchanged repeatable migration is not re-run")
                .isEmpty();

        MigrationFiles.write(
                project,
                "R__cheap_items.sql",
                "DROP VIEW IF EXISTS cheap_items;\n"
                        + "CREATE VIEW cheap_items AS SELECT id FROM items WHERE price < 5;");
        assertThat(row("R__cheap_items").state()).isEqualTo(MigrationState.OUTDATED);
        assertThat(strata().validate(false).ok())
                .as("an outdated repeatable migration is no problem")
                .isTrue();

        assertThat(strata().migrate().applied())
                .extracting(r -> r.version().text())
                .containsExactly("R__cheap_items");
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM cheap_items")).isZero();
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM strata_history WHERE version = 'R__cheap_items'"))
                .as("one history row per repeatable migration")
                .isEqualTo(1);
        assertThat(row("R__cheap_items").state()).isEqualTo(MigrationState.APPLIED);

        DownResult down = strata().down(DownRequest.steps(1));
        assertThat(down.reverted())
                .extracting(r -> r.version().text())
                .as("repeatables are never reverted")
                .containsExactly("2");
        assertThat(engine.tables(url)).doesNotContain("orders").contains("items");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void targetHoldsRepeatablesBack(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "V1__a.sql", "CREATE TABLE a (id INT);");
        MigrationFiles.write(project, "V2__b.sql", "CREATE TABLE b (id INT);");
        MigrationFiles.write(project, "R__v.sql", "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT id FROM b;");

        MigrateResult result = strata().migrate(
                        new MigrateOptions(java.util.Optional.of(dev.strata.source.Version.parse("1")), false, false));

        assertThat(result.applied()).extracting(r -> r.version().text()).containsExactly("1");
        assertThat(row("R__v").state()).isEqualTo(MigrationState.PENDING);
        assertThat(row("R__v").outOfOrder()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void dbmateFileRunsItsUpSectionAndRevertsWithItsDownSection(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(
                project,
                "20250101000000_create_users.sql",
                "-- migrate:up\nCREATE TABLE users (id INT);\n\n" + "-- migrate:down\nDROP TABLE users;\n");
        MigrationFiles.write(
                project,
                "20250102000000_no_tx.sql",
                "-- migrate:up transaction:false\n" + engine.noTransactionSetup() + ";\n"
                        + engine.noTransactionStatement() + ";\n\n-- migrate:down\n");

        strata().migrate();

        assertThat(engine.tables(url)).contains("users");
        assertThat(strata().status().count(MigrationState.APPLIED)).isEqualTo(2);
        assertThatThrownBy(() -> strata().down(DownRequest.steps(1)))
                .as("an empty down section is no down script")
                .hasMessageContaining("add a '-- migrate:down' section");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void dbmateDownSectionReverts(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(
                project,
                "20250101000000_create_users.sql",
                "-- migrate:up\nCREATE TABLE users (id INT);\n\n" + "-- migrate:down\nDROP TABLE users;\n");
        strata().migrate();

        strata().down(DownRequest.steps(1));

        assertThat(engine.tables(url)).doesNotContain("users");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void dbmateFailureInTheDownSectionNamesTheFileLine(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(
                project, "1_a.sql", "-- migrate:up\nCREATE TABLE a (id INT);\n\n-- migrate:down\nDROP TABLE nope;\n");
        strata().migrate();

        assertThatThrownBy(() -> strata().down(DownRequest.steps(1))).hasMessageContaining("migrations/1_a.sql:5");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void sqlxNoTransactionHeaderRunsOutsideATransaction(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "0001_setup.sql", engine.noTransactionSetup() + ";");
        MigrationFiles.write(
                project, "0002_no_tx.sql", "-- no-transaction\n" + engine.noTransactionStatement() + ";\n");

        List<?> applied = strata().migrate().applied();

        assertThat(applied).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void withoutTheHeaderTheStatementBesideOthersIsRefused(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "0001_setup.sql", engine.noTransactionSetup() + ";");
        MigrationFiles.write(
                project,
                "0002_no_tx.sql",
                "-- just a comment\n" + engine.noTransactionStatement() + ";\n" + "CREATE TABLE other (id INT);\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("migrations/0002_no_tx.sql:2");
    }
}
