package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layouts of Flyway, dbmate, diesel and SQLx, read from a real folder. */
class OtherToolsLayoutsTest {

    @TempDir
    Path project;

    Path migrations;

    @BeforeEach
    void createFolder() throws IOException {
        migrations = Files.createDirectory(project.resolve("migrations"));
    }

    private void write(String relative, String text) throws IOException {
        Path file = migrations.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private List<Migration> scan() {
        return MigrationDirectory.scan(project, Path.of("migrations"));
    }

    // ---- Flyway --------------------------------------------------------------------------------

    @Test
    void flywayVersionsSortPartByPartAndRepeatablesComeLast() throws IOException {
        write("V2__add_index.sql", "");
        write("V1__init.sql", "");
        write("V1_10__ten.sql", "");
        write("V1.9__nine.sql", "");
        write("R__views.sql", "");
        write("R__a_function.sql", "");

        List<Migration> ms = scan();

        assertThat(ms)
                .extracting(Migration::label)
                .containsExactly("1_init", "1.9_nine", "1.10_ten", "2_add_index", "R__a_function", "R__views");
        assertThat(ms.get(2).version().text())
                .as("Flyway's _ separator is kept as a dot, as Flyway records it")
                .isEqualTo("1.10");
        assertThat(ms.get(0).layout()).isEqualTo(Layout.FLYWAY);
        assertThat(ms.get(5).layout()).isEqualTo(Layout.FLYWAY_REPEATABLE);
        assertThat(ms.get(5).version().repeatable()).isTrue();
        assertThat(ms.get(5).name()).isEqualTo("views");
    }

    @Test
    void flywayUndoScriptIsTheDownScript() throws IOException {
        write("V1__init.sql", "CREATE TABLE a (id INT);");
        write("U1__init.sql", "DROP TABLE a;");
        write("V2__more.sql", "CREATE TABLE b (id INT);");

        List<Migration> ms = scan();

        assertThat(MigrationDirectory.readDown(ms.get(0))).isEqualTo("DROP TABLE a;");
        assertThat(MigrationDirectory.downSource(ms.get(0))).contains("migrations/U1__init.sql");
        assertThatThrownBy(() -> MigrationDirectory.readDown(ms.get(1)))
                .hasMessageContaining("add the undo script migrations/U2__more.sql");
    }

    @Test
    void flywayUndoWithoutItsVersionedScriptAndMalformedNamesAreErrors() throws IOException {
        write("V1__init.sql", "");
        write("U3__gone.sql", "");
        write("V1.__bad.sql", "");

        assertThatThrownBy(this::scan)
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("migrations/U3__gone.sql: undo script without its versioned migration")
                .hasMessageContaining("migrations/V1.__bad.sql: not a valid Flyway name");
    }

    @Test
    void flywayVersionsEqualDespiteTrailingZeroAreDuplicates() throws IOException {
        write("V1__a.sql", "");
        write("V1.0__b.sql", "");

        assertThatThrownBy(this::scan).hasMessageContaining("version 1 is used by more than one migration");
    }

    // ---- dbmate --------------------------------------------------------------------------------

    @Test
    void dbmateFileSplitsIntoUpAndDownAndKeepsLineNumbers() throws IOException {
        String text = "-- migrate:up\nCREATE TABLE users (id INT);\n\n-- migrate:down\nDROP TABLE users;\n";
        write("20250101000000_create_users.sql", text);

        Migration m = scan().get(0);

        assertThat(m.layout()).isEqualTo(Layout.DBMATE);
        assertThat(m.upSql()).isEqualTo("-- migrate:up\nCREATE TABLE users (id INT);\n\n");
        assertThat(m.checksum()).isEqualTo(Checksums.sha256(m.upSql()));
        String down = MigrationDirectory.readDown(m);
        assertThat(down).isEqualTo("\n\n\n-- migrate:down\nDROP TABLE users;\n");
        assertThat(down.lines().toList().indexOf("DROP TABLE users;") + 1)
                .as("the file's own line number")
                .isEqualTo(5);
    }

    @Test
    void editingTheDownSectionDoesNotChangeTheChecksum() throws IOException {
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id INT);\n-- migrate:down\nDROP TABLE a;\n");
        String before = scan().get(0).checksum();
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id INT);\n-- migrate:down\nDROP TABLE IF EXISTS a;\n");

        assertThat(scan().get(0).checksum()).isEqualTo(before);
    }

    @Test
    void dbmateWithAnEmptyDownSectionHasNoDownScript() throws IOException {
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id INT);\n\n-- migrate:down\n\n");

        Migration m = scan().get(0);

        assertThat(m.downFile()).isEmpty();
        assertThatThrownBy(() -> MigrationDirectory.readDown(m))
                .hasMessageContaining("add a '-- migrate:down' section");
    }

    @Test
    void dbmateDownBeforeUpIsAnError() throws IOException {
        write("1_a.sql", "-- migrate:down\nDROP TABLE a;\n-- migrate:up\nCREATE TABLE a (id INT);\n");

        assertThatThrownBy(this::scan).hasMessageContaining("migrations/1_a.sql:1: '-- migrate:down' comes before");
    }

    @Test
    void transactionHeadersOfSqlxAndDbmate() {
        assertThat(TransactionHeaders.optsOut("-- no-transaction\nVACUUM;")).isTrue();
        assertThat(TransactionHeaders.optsOut("\uFEFF-- no-transaction\nVACUUM;"))
                .isTrue();
        assertThat(TransactionHeaders.optsOut("SELECT 1;\n-- no-transaction\n"))
                .as("only as the first line")
                .isFalse();
        assertThat(TransactionHeaders.optsOut("-- migrate:up transaction:false\nVACUUM;\n"))
                .isTrue();
        assertThat(TransactionHeaders.optsOut("-- migrate:up\nVACUUM;\n")).isFalse();
        assertThat(TransactionHeaders.optsOut("\n\n-- migrate:down transaction:false\nVACUUM;\n"))
                .isTrue();
    }

    // ---- diesel --------------------------------------------------------------------------------

    @Test
    void dieselFolderNamesGiveTheirDigitsAsVersion() throws IOException {
        write("2025-01-23-000001_create_users/up.sql", "CREATE TABLE users (id INT);");
        write("2025-01-23-000001_create_users/down.sql", "DROP TABLE users;");
        write("00000000000000_diesel_initial_setup/up.sql", "SELECT 1;");

        List<Migration> ms = scan();

        assertThat(ms).extracting(m -> m.version().text()).containsExactly("00000000000000", "20250123000001");
        assertThat(ms.get(1).name()).isEqualTo("create_users");
        assertThat(ms.get(1).downFile()).isPresent();
    }

    @Test
    void dieselFoldersInBothFormsAndItsInitialSetupAreDieselMigrations() throws IOException {
        write("00000000000000_diesel_initial_setup/up.sql", "-- setup\n");
        write("2024-03-13-170000_dashed/up.sql", "SELECT 1;");
        write("2024-03-14_080000_underscored/up.sql", "SELECT 1;");
        write("2024-03-14_080000_underscored/down.sql", "-- irreversible\n\n/* really */;\n");

        List<Migration> ms = scan();

        assertThat(ms)
                .extracting(m -> m.version().text())
                .containsExactly("00000000000000", "20240313170000", "20240314080000");
        assertThat(ms).extracting(Migration::layout).containsOnly(Layout.DIESEL);
        assertThat(ms.get(2).name()).isEqualTo("underscored");
        assertThat(MigrationDirectory.markedIrreversible(ms.get(2))).isTrue();
        assertThatThrownBy(() -> MigrationDirectory.readDown(ms.get(2)))
                .hasMessageContaining("migrations/2024-03-14_080000_underscored/down.sql: the down script of"
                        + " 20240314080000_underscored is empty (or holds only comments), which marks the migration as"
                        + " irreversible");
    }

    @Test
    void dieselVersionsAreTheNameUpToTheFirstUnderscoreWithoutDashesOrderedAsText() throws IOException {
        write("20170305095748_plain_digits/up.sql", "SELECT 1;");
        write("2022-12-07-110000/up.sql", "SELECT 1;");
        write("2023-10-06-10000_drop_mmr/up.sql", "SELECT 1;");
        write("2023-10-07-000000_next_day/up.sql", "SELECT 1;");
        write("2025-11-19-091444-0000_with_offset/up.sql", "SELECT 1;");
        write("2026-01-20-162913_later/up.sql", "SELECT 1;");
        write("data_backfill.sql", "INSERT INTO t SELECT 1;"); // diesel reads folders only

        List<Migration> ms = scan();

        // As text, as diesel orders them: the 13 digits of 2023-10-06-10000 sort before 2023-10-07, and
        // the 18 digits of diesel 2.3's -0000 form before a later 14-digit version.
        assertThat(ms)
                .extracting(m -> m.version().text())
                .containsExactly(
                        "20170305095748",
                        "20221207110000",
                        "2023100610000",
                        "20231007000000",
                        "202511190914440000",
                        "20260120162913");
        assertThat(ms)
                .extracting(Migration::name)
                .containsExactly("plain_digits", "", "drop_mmr", "next_day", "with_offset", "later");
        assertThat(ms).extracting(Migration::layout).containsOnly(Layout.DIESEL);
        assertThat(Version.parse("202511190914440000").compareTo(Version.parse("20260120162913")))
                .as("outside diesel's folders versions still order by number")
                .isPositive();
    }

    @Test
    void newInADieselFolderWritesADatedFolderInTheFoldersOwnForm() throws IOException {
        write("00000000000000_diesel_initial_setup/up.sql", "-- setup\n");
        write("2024-03-14_080000_underscored/up.sql", "SELECT 1;");
        Clock clock = Clock.fixed(Instant.parse("2025-02-03T04:05:06Z"), ZoneOffset.UTC);

        List<Path> created = NewMigration.create(migrations, scan(), "add posts", true, clock);

        assertThat(created)
                .extracting(p -> migrations.relativize(p).toString().replace('\\', '/'))
                .containsExactly("2025-02-03_040506_add_posts/up.sql", "2025-02-03_040506_add_posts/down.sql");
        assertThat(scan().get(2).version().text()).isEqualTo("20250203040506");
    }

    // ---- golang-migrate ------------------------------------------------------------------------

    @Test
    void upAndDownScriptsPairByVersionWhateverTheirNames() throws IOException {
        write("1_create_items.up.sql", "CREATE TABLE items (id INT);");
        write("1_drop_items.down.sql", "DROP TABLE items;");
        write("2_b.up.sql", "SELECT 1;");
        write("3_orphan.down.sql", "SELECT 1;");

        assertThatThrownBy(this::scan)
                .hasMessageContaining("migrations/3_orphan.down.sql: down script without its up" + " script")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("1_drop_items"));

        Files.delete(migrations.resolve("3_orphan.down.sql"));
        List<Migration> ms = scan();
        assertThat(MigrationDirectory.readDown(ms.get(0))).isEqualTo("DROP TABLE items;");
        assertThat(MigrationDirectory.downSource(ms.get(0))).contains("migrations/1_drop_items.down.sql");
        assertThat(ms.get(1).downFile()).isEmpty();

        write("1_another.down.sql", "SELECT 1;");
        assertThatThrownBy(this::scan)
                .hasMessageContaining(
                        "migrations/1_create_items.up.sql: more than one down" + " script has its version");
    }

    // ---- wrangler ------------------------------------------------------------------------------

    @Test
    void downScriptsInTheDownFolderPairWithTheirSingleFileMigrations() throws IOException {
        write("0001_users.sql", "CREATE TABLE users (id INT);");
        write("down/0001_users.sql", "DROP TABLE users;");
        write("0002_posts.sql", "CREATE TABLE posts (id INT);");

        List<Migration> ms = scan();

        assertThat(ms).hasSize(2);
        assertThat(MigrationDirectory.readDown(ms.get(0))).isEqualTo("DROP TABLE users;");
        assertThat(MigrationDirectory.downSource(ms.get(0))).contains("migrations/down/0001_users.sql");
        assertThatThrownBy(() -> MigrationDirectory.readDown(ms.get(1)))
                .hasMessageContaining("add migrations/down/0002_posts.sql");

        write("down/0003_gone.sql", "SELECT 1;");
        assertThatThrownBy(this::scan)
                .hasMessageContaining("migrations/down/0003_gone.sql: down script without its" + " up script");
    }

    @Test
    void newInAFolderWranglerReadsPutsTheDownScriptOutOfItsSight() throws IOException {
        write("0001_users.up.sql", "CREATE TABLE users (id INT);");
        Clock clock = Clock.fixed(Instant.parse("2025-02-03T04:05:06Z"), ZoneOffset.UTC);

        List<Path> created = NewMigration.create(migrations, scan(), "posts", true, clock, true);

        assertThat(created)
                .extracting(p -> migrations.relativize(p).toString().replace('\\', '/'))
                .containsExactly("0002_posts.sql", "down/0002_posts.sql");
        assertThat(scan().get(1).downFile()).contains(migrations.resolve("down/0002_posts.sql"));
    }

    @Test
    void onlyCommentsIsReadWithBothEnginesCommentForms() {
        assertThat(SqlComments.onlyComments("")).isTrue();
        assertThat(SqlComments.onlyComments("-- a\n/* b\n c */ ;\n-- end")).isTrue();
        assertThat(SqlComments.onlyComments("-- a\nSELECT 1;")).isFalse();
        assertThat(SqlComments.onlyComments("/* unclosed")).isFalse();
        assertThat(SqlComments.onlyComments("-- a\r\n;x")).isFalse();
    }

    // ---- one family per folder -------------------------------------------------------------

    @Test
    void mixingFlywayAndStrataNamesIsAClearError() throws IOException {
        write("V1__init.sql", "");
        write("0002_more.sql", "");

        assertThatThrownBy(this::scan)
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("the migrations folder mixes layouts")
                .hasMessageContaining("Flyway (V1__name.sql, U1__name.sql, R__name.sql), e.g. migrations/V1__init.sql")
                .hasMessageContaining("e.g. migrations/0002_more.sql")
                .hasMessageContaining("Keep to one layout per folder");
    }

    @Test
    void mixingDbmateAndPlainFilesIsAClearError() throws IOException {
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id INT);\n-- migrate:down\nDROP TABLE a;\n");
        write("2_b.sql", "CREATE TABLE b (id INT);\n");

        assertThatThrownBy(this::scan)
                .hasMessageContaining("mixes layouts")
                .hasMessageContaining("dbmate")
                .hasMessageContaining("migrations/2_b.sql");
    }

    // ---- strata new follows the folder ------------------------------------------------------

    @Test
    void newInAFlywayFolderWritesTheNextVersionedAndUndoScripts() throws IOException {
        write("V1__init.sql", "");
        write("V1.1__fix.sql", "");
        write("R__views.sql", "");

        List<Path> created = NewMigration.create(migrations, scan(), "add users", true);

        assertThat(created)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("V1.2__add_users.sql", "U1.2__add_users.sql");
        assertThat(scan()).hasSize(4);
    }

    @Test
    void newInAFlywayFolderContinuesTheLastVersionsForm() throws IOException {
        write("V1__init.sql", "");
        write("V1_9__nine.sql", "");
        write("V1_27__twenty_seven.sql", "");
        write("V1_026__older_padded.sql", "");

        List<Path> created = NewMigration.create(migrations, scan(), "next", false);

        assertThat(created).extracting(p -> p.getFileName().toString()).containsExactly("V1_28__next.sql");
        assertThat(scan()).extracting(m -> m.version().text()).contains("1.28");

        write("V2__two.sql", "");
        assertThat(NewMigration.create(migrations, scan(), "after two", false))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("V3__after_two.sql");
    }

    @Test
    void newInADbmateFolderWritesOneFileWithBothSections() throws IOException {
        write("20250101000000_a.sql", "-- migrate:up\nCREATE TABLE a (id INT);\n-- migrate:down\n");
        Clock clock = Clock.fixed(Instant.parse("2025-02-03T04:05:06Z"), ZoneOffset.UTC);

        List<Path> created = NewMigration.create(migrations, scan(), "b", true, clock);

        assertThat(created).extracting(p -> p.getFileName().toString()).containsExactly("20250203040506_b.sql");
        assertThat(Files.readString(created.get(0)))
                .startsWith("-- migrate:up\n")
                .contains("\n-- migrate:down\n");
        Migration made = scan().get(1);
        assertThat(made.layout()).isEqualTo(Layout.DBMATE);
        assertThat(made.downFile()).as("the reversible file has a down section").isPresent();
    }
}
