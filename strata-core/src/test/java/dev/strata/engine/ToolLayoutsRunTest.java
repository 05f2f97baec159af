package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.dialect.MigrationFailedException;
import dev.strata.testing.Jdbc;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.TestEngine;
import dev.strata.verify.RollbackResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * diesel's and golang-migrate's folders, and files that run outside strata's transaction, run on
 * both engines the way their own tools run them.
 */
class ToolLayoutsRunTest {

    @TempDir
    Path project;

    private String url;
    private final List<String> notices = new ArrayList<>();

    private Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .listener(new MigrationListener() {
                    @Override
                    public void notice(String message) {
                        notices.add(message);
                    }
                })
                .load();
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void dieselFoldersRunAnEmptyUpIsANoOpAndAnEmptyDownMeansIrreversible(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(
                project,
                "00000000000000_diesel_initial_setup/up.sql",
                "-- This file was automatically created by Diesel to setup helper functions\n");
        MigrationFiles.write(project, "00000000000000_diesel_initial_setup/down.sql", "-- nothing to undo\n");
        MigrationFiles.write(
                project, "2024-03-13-170000_create_users/up.sql", "CREATE TABLE users (id INT PRIMARY KEY);\n");
        MigrationFiles.write(project, "2024-03-13-170000_create_users/down.sql", "DROP TABLE users;\n");
        MigrationFiles.write(
                project,
                "2024-03-14_080000_create_posts/up.sql",
                "-- Your SQL goes here\n" + "CREATE TABLE posts (id INT PRIMARY KEY);\n");
        MigrationFiles.write(
                project,
                "2024-03-14_080000_create_posts/down.sql",
                "-- This file should undo anything in" + " `up.sql`\n/* irreversible */\n");

        MigrateResult result = strata().migrate();

        assertThat(result.applied())
                .extracting(row -> row.version().text())
                .containsExactly("00000000000000", "20240313170000", "20240314080000");
        assertThat(notices)
                .containsExactly("migrations/00000000000000_diesel_initial_setup/up.sql: has no statements;"
                        + " it is recorded as applied and does nothing, as diesel runs it.");
        assertThat(engine.tables(url)).contains("users", "posts");
        assertThat(strata().validate(false).problems())
                .as("an empty down script is not a fault")
                .isEmpty();

        assertThatThrownBy(() -> strata().down(DownRequest.steps(1)))
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("migrations/2024-03-14_080000_create_posts/down.sql: the down script of"
                        + " 20240314080000_create_posts is empty (or holds only comments), which marks the migration as"
                        + " irreversible");
        assertThat(engine.tables(url)).contains("posts");

        assertThat(strata().testRollbacks().results())
                .extracting(RollbackResult::name, RollbackResult::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("diesel_initial_setup", RollbackResult.Status.NO_DOWN),
                        org.assertj.core.groups.Tuple.tuple("create_users", RollbackResult.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("create_posts", RollbackResult.Status.NO_DOWN));
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void golangMigratePairsUpAndDownScriptsByVersionWhateverTheirNames(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "1_create_items.up.sql", "CREATE TABLE items (id INT PRIMARY KEY);\n");
        MigrationFiles.write(project, "1_drop_items.down.sql", "DROP TABLE items;\n");
        MigrationFiles.write(project, "2_add_tags.up.sql", "CREATE TABLE tags (id INT PRIMARY KEY);\n");
        MigrationFiles.write(project, "2_remove_tags.down.sql", "DROP TABLE tags;\n");

        strata().migrate();
        DownResult reverted = strata().down(DownRequest.steps(2));

        assertThat(reverted.reverted()).hasSize(2);
        assertThat(engine.tables(url)).doesNotContain("items", "tags");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void dieselVersionsRunInDieselsTextOrderAndALaterFolderIsPendingNotOutOfOrder(TestEngine engine)
            throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "2023-10-06-10000_items/up.sql", "CREATE TABLE items (id INT PRIMARY KEY);\n");
        MigrationFiles.write(
                project, "2025-11-19-091444-0000_tags/up.sql", "CREATE TABLE tags (id INT PRIMARY KEY);\n");
        MigrationFiles.write(project, "2022-12-07-110000/up.sql", "CREATE TABLE first (id INT PRIMARY KEY);\n");

        assertThat(strata().migrate().applied())
                .extracting(row -> row.version().text())
                .containsExactly("20221207110000", "2023100610000", "202511190914440000");

        // 14 digits after diesel 2.3's 18: later as text, as diesel sees it, though smaller as a number.
        MigrationFiles.write(project, "2026-01-20-162913_later/up.sql", "CREATE TABLE later (id INT PRIMARY KEY);\n");
        assertThat(strata().migrate().applied())
                .extracting(row -> row.version().text())
                .containsExactly("20260120162913");
        assertThat(engine.tables(url)).contains("first", "items", "tags", "later");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void golangMigrateUpScriptWithOnlyCommentsIsANoOpButAnUnwrittenNewOneIsRefused(TestEngine engine)
            throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "1_create_items.up.sql", "CREATE TABLE items (id INT PRIMARY KEY);\n");
        MigrationFiles.write(project, "2_other_engine.up.sql", "-- No-op on Postgres");
        MigrationFiles.write(project, "2_other_engine.down.sql", "-- No-op on Postgres");

        assertThat(strata().migrate().applied())
                .extracting(row -> row.version().text())
                .containsExactly("1", "2");
        assertThat(notices)
                .containsExactly("migrations/2_other_engine.up.sql: has no statements; it is recorded as"
                        + " applied and does nothing, as golang-migrate runs it.");

        MigrationFiles.write(project, "3_add_tags.up.sql", "-- add_tags: describe the change here\n");
        MigrationFiles.write(project, "3_add_tags.down.sql", "-- revert 3_add_tags\n");
        assertThatThrownBy(() -> strata().migrate())
                .hasMessageContaining("migrations/3_add_tags.up.sql: has no SQL" + " statements");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void aFileWithItsOwnTransactionsRunsThemAsWrittenWithANotice(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(
                project,
                "1_items.up.sql",
                "CREATE TABLE items (id INT PRIMARY KEY);\n"
                        + "BEGIN;\nINSERT INTO items (id) VALUES (1);\nINSERT INTO items (id) VALUES (2);\nCOMMIT;\n"
                        + "CREATE TABLE tags (id INT PRIMARY KEY);\n");

        strata().migrate();

        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM items")).isEqualTo(2);
        assertThat(engine.tables(url)).contains("tags");
        assertThat(notices)
                .singleElement()
                .asString()
                .startsWith("migrations/1_items.up.sql: opens its own transactions (BEGIN at line 2), so it runs"
                        + " statement by statement as written")
                .contains("recorded as failed until its last statement has run");
        assertThat(strata().status().count(MigrationState.APPLIED)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void aFileWithItsOwnTransactionsThatFailsIsRecordedFailedAndItsOpenTransactionRolledBack(TestEngine engine)
            throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(
                project,
                "1_items.up.sql",
                "CREATE TABLE items (id INT PRIMARY KEY);\n"
                        + "BEGIN;\nINSERT INTO items (id) VALUES (1);\nINSERT INTO missing_table (id) VALUES (2);\nCOMMIT;\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("migrations/1_items.up.sql:4")
                .hasMessageContaining("recorded as failed");

        assertThat(engine.tables(url))
                .as("what ran before the file's own transaction stays")
                .contains("items");
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM items"))
                .as("the open transaction was rolled back")
                .isZero();
        assertThat(strata().status().migrations())
                .extracting(m -> m.state().label())
                .containsExactly("failed");
        // The session was clean: the lock was released and the next command can take it.
        assertThat(strata().repair().cleared()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void aStrayCommitIsStillRefused(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "1_a.sql", "CREATE TABLE a (id INT);\nBEGIN;\nCOMMIT;\nCOMMIT;\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("migrations/1_a.sql:4: COMMIT commits a transaction that the file never opened");
        assertThat(engine.tables(url)).doesNotContain("a");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void aFileHoldingOnlyStatementsThatCantRunInATransactionRunsOutsideOneWithANotice(TestEngine engine)
            throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "V1__setup.sql", engine.noTransactionSetup() + ";\n");
        MigrationFiles.write(
                project, "V2__index.sql", "-- as Flyway runs it\n" + engine.noTransactionStatement() + ";\n");

        assertThat(strata().migrate().applied()).hasSize(2);

        assertThat(notices)
                .singleElement()
                .asString()
                .startsWith("migrations/V2__index.sql: holds only statements that can't run in a transaction")
                .contains("at line 2), so it runs outside one")
                .contains("recorded as failed");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void theDirectiveKeepsExplicitControlAndSilencesTheNotice(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        MigrationFiles.write(project, "1_setup.sql", engine.noTransactionSetup() + ";\n");
        MigrationFiles.write(
                project,
                "2_own.sql",
                "-- strata:no-transaction\n" + "CREATE TABLE a (id INT);\n"
                        + "BEGIN;\nINSERT INTO a (id) VALUES (1);\nCOMMIT;\n");

        assertThat(strata().migrate().applied()).hasSize(2);

        assertThat(notices).isEmpty();
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM a")).isEqualTo(1);
    }
}
