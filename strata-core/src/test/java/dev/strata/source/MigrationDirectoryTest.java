package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationDirectoryTest {

    @TempDir
    Path project;

    Path migrations;

    @BeforeEach
    void createFolder() throws IOException {
        migrations = Files.createDirectory(project.resolve("migrations"));
    }

    private Path write(String relative, String text) throws IOException {
        Path file = migrations.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private List<Migration> scan() {
        return MigrationDirectory.scan(project, Path.of("migrations"));
    }

    private static List<String> labels(List<Migration> ms) {
        return ms.stream().map(Migration::label).toList();
    }

    @Test
    void singleFileMigration() throws IOException {
        Path up = write("0001_init_core.sql", "create table a (id int);\r\n");
        Migration m = scan().get(0);
        assertThat(m.version()).isEqualTo(Version.parse("0001"));
        assertThat(m.name()).isEqualTo("init_core");
        assertThat(m.layout()).isEqualTo(Layout.SINGLE_FILE);
        assertThat(m.upFile()).isEqualTo(up);
        assertThat(m.upSource()).isEqualTo("migrations/0001_init_core.sql");
        assertThat(m.upSql()).isEqualTo("create table a (id int);\r\n");
        assertThat(m.checksum()).isEqualTo(Checksums.sha256("create table a (id int);\n"));
        assertThat(m.downFile()).isEmpty();
    }

    @Test
    void versionWithoutName() throws IOException {
        write("0001.sql", "select 1;");
        Migration m = scan().get(0);
        assertThat(m.name()).isEmpty();
        assertThat(m.label()).isEqualTo("0001");
    }

    @Test
    void bomIsStrippedFromUpSql() throws IOException {
        write("0001_a.sql", "\uFEFFselect 1;");
        assertThat(scan().get(0).upSql()).isEqualTo("select 1;");
    }

    @Test
    void ordersNumericallyNotLexically() throws IOException {
        write("10_ten.sql", "");
        write("9_nine.sql", "");
        write("100_hundred.sql", "");
        write("0011_eleven.sql", "");
        assertThat(labels(scan())).containsExactly("9_nine", "10_ten", "0011_eleven", "100_hundred");
    }

    @Test
    void timestampVersionsAndGaps() throws IOException {
        write("20250123000001_b.sql", "");
        write("20241231235959_a.sql", "");
        write("20250201120000_c.sql", "");
        assertThat(labels(scan())).containsExactly("20241231235959_a", "20250123000001_b", "20250201120000_c");
    }

    @Test
    void upDownPair() throws IOException {
        write("0001_users.up.sql", "create table users (id int);");
        Path down = write("0001_users.down.sql", "drop table users;");
        write("0002_posts.up.sql", "create table posts (id int);");
        List<Migration> ms = scan();
        assertThat(ms).extracting(Migration::layout).containsExactly(Layout.UP_DOWN_PAIR, Layout.UP_DOWN_PAIR);
        assertThat(ms.get(0).name()).isEqualTo("users");
        assertThat(ms.get(0).upSource()).isEqualTo("migrations/0001_users.up.sql");
        assertThat(ms.get(0).downFile()).contains(down);
        assertThat(ms.get(1).downFile()).isEmpty();
        assertThat(MigrationDirectory.readDown(ms.get(0))).isEqualTo("drop table users;");
    }

    @Test
    void downWithoutUpIsAnError() throws IOException {
        write("0001_a.sql", "");
        write("0002_b.down.sql", "");
        assertThatThrownBy(this::scan)
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("migrations/0002_b.down.sql")
                .hasMessageContaining("down script without its up script")
                .hasMessageContaining("migrations/0002_b.up.sql");
    }

    @Test
    void folderMigration() throws IOException {
        Path up = write("0001_init/up.sql", "create table a (id int);");
        Path down = write("0001_init/down.sql", "drop table a;");
        write("0001_init/notes.md", "ignored");
        write("0002_more/up.sql", "create table b (id int);");
        List<Migration> ms = scan();
        assertThat(ms).extracting(Migration::layout).containsExactly(Layout.FOLDER, Layout.FOLDER);
        assertThat(ms.get(0).name()).isEqualTo("init");
        assertThat(ms.get(0).upFile()).isEqualTo(up);
        assertThat(ms.get(0).upSource()).isEqualTo("migrations/0001_init/up.sql");
        assertThat(ms.get(0).downFile()).contains(down);
        assertThat(ms.get(1).downFile()).isEmpty();
    }

    @Test
    void versionedFolderWithoutUpIsAnError() throws IOException {
        write("0001_init/down.sql", "");
        assertThatThrownBy(this::scan)
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("migrations/0001_init/")
                .hasMessageContaining("no up.sql");
    }

    @Test
    void unversionedFoldersAreIgnoredUnlessTheyHoldUpSql() throws IOException {
        write("seeds/users.sql", "");
        write("0001_a.sql", "");
        assertThat(labels(scan())).containsExactly("0001_a");
        write("init/up.sql", "");
        assertThatThrownBy(this::scan)
                .hasMessageContaining("migrations/init/")
                .hasMessageContaining("no version")
                .hasMessageContaining("0001_name.sql");
    }

    @Test
    void mixedLayoutsInOneFolder() throws IOException {
        write("0001_a.sql", "");
        write("0002_b.up.sql", "");
        write("0003_c/up.sql", "");
        assertThat(scan())
                .extracting(Migration::layout)
                .containsExactly(Layout.SINGLE_FILE, Layout.UP_DOWN_PAIR, Layout.FOLDER);
    }

    @Test
    void duplicateVersionNamesBothFiles() throws IOException {
        write("0003_a.sql", "");
        write("0003_b.sql", "");
        assertThatThrownBy(this::scan)
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("version 3 is used by more than one migration")
                .hasMessageContaining("migrations/0003_a.sql")
                .hasMessageContaining("migrations/0003_b.sql");
    }

    @Test
    void duplicateVersionDespiteLeadingZeros() throws IOException {
        write("3_a.sql", "");
        write("0003_b/up.sql", "");
        MigrationSourceException e = catchScan();
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).contains("migrations/3_a.sql", "migrations/0003_b/");
    }

    @Test
    void singleFileAndPairWithOneVersionClash() throws IOException {
        write("0004_a.sql", "");
        write("0004_a.up.sql", "");
        write("0004_a.down.sql", "");
        assertThat(catchScan().getMessage()).contains("migrations/0004_a.sql", "migrations/0004_a.up.sql");
    }

    @Test
    void sqlFileWithoutVersionIsAnError() throws IOException {
        write("init.sql", "");
        write("v1_users.sql", "");
        MigrationSourceException e = catchScan();
        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0))
                .startsWith("migrations/init.sql: name has no version")
                .contains("0001_name.sql", "0001_name.up.sql", "0001_name/");
        assertThat(e.problems().get(1)).startsWith("migrations/v1_users.sql");
    }

    @Test
    void otherFilesAndHiddenFilesAreIgnored() throws IOException {
        write("0001_a.sql", "");
        write("README.md", "# migrations");
        write(".DS_Store", "junk");
        write(".0002_hidden.sql", "");
        write("notes.txt", "");
        assertThat(labels(scan())).containsExactly("0001_a");
    }

    @Test
    void collectsEveryProblemBeforeThrowing() throws IOException {
        write("init.sql", "");
        write("0002_a.sql", "");
        write("0002_b.sql", "");
        write("0003_c.down.sql", "");
        Files.write(migrations.resolve("0004_d.sql"), new byte[] {(byte) 0xFF});
        MigrationSourceException e = catchScan();
        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage())
                .contains(
                        "init.sql",
                        "0002_a.sql",
                        "0003_c.down.sql",
                        "migrations/0004_d.sql: not valid UTF-8 at byte 0");
    }

    @Test
    void missingFolder() throws IOException {
        Files.delete(migrations);
        assertThatThrownBy(this::scan)
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("migrations folder 'migrations' not found in " + project.toAbsolutePath())
                .hasMessageContaining("create it or set --dir / [migrations] dir");
    }

    @Test
    void folderThatIsAFile() throws IOException {
        Files.delete(migrations);
        Files.writeString(project.resolve("migrations"), "");
        assertThatThrownBy(this::scan)
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("'migrations' is a file, not a folder");
    }

    @Test
    void emptyFolderHasNoMigrations() {
        assertThat(scan()).isEmpty();
    }

    @Test
    void folderOutsideProjectIsShownAsGiven(@TempDir Path elsewhere) throws IOException {
        Files.writeString(elsewhere.resolve("0001_a.sql"), "");
        Migration m = MigrationDirectory.scan(project, elsewhere).get(0);
        assertThat(m.upSource()).isEqualTo(elsewhere + "/0001_a.sql");
    }

    @Test
    void nestedFolderIsShownRelativeToProject() throws IOException {
        Path nested = Files.createDirectories(project.resolve("db/migrations"));
        Files.writeString(nested.resolve("0001_a.sql"), "");
        assertThat(MigrationDirectory.scan(project, Path.of("db/migrations"))
                        .get(0)
                        .upSource())
                .isEqualTo("db/migrations/0001_a.sql");
        // An absolute path inside the project is still shown relative to it.
        assertThat(MigrationDirectory.scan(project, nested).get(0).upSource()).isEqualTo("db/migrations/0001_a.sql");
    }

    @Test
    void symlinkLoopFileIsACleanError() throws IOException {
        write("0001_a.sql", "");
        Path loop = migrations.resolve("0002_loop.sql");
        assumeTrue(trySymlink(loop, loop.getFileName()));
        assertThatThrownBy(this::scan)
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("migrations/0002_loop.sql: cannot read the file");
    }

    @Test
    void symlinkedFolderPointingBackIsACleanError() throws IOException {
        write("0001_a.sql", "");
        // 0002_loop/ is the migrations folder itself, which has no up.sql.
        assumeTrue(trySymlink(migrations.resolve("0002_loop"), Path.of(".")));
        assertThatThrownBy(this::scan)
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("migrations/0002_loop/: migration folder has no up.sql");
    }

    @Test
    void migrationsFolderThatIsASymlinkLoop() throws IOException {
        Files.delete(migrations);
        assumeTrue(trySymlink(migrations, Path.of("migrations")));
        assertThatThrownBy(this::scan)
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("migrations folder 'migrations' can't be listed");
    }

    @Test
    void danglingSymlinkFolderCountsAsMissing() throws IOException {
        Files.delete(migrations);
        assumeTrue(trySymlink(migrations, Path.of("nowhere")));
        assertThatThrownBy(this::scan).hasMessageContaining("not found");
    }

    @Test
    void unreadableFolderIsACleanError() throws IOException {
        write("0001_a.sql", "");
        assumeTrue(Files.getFileStore(migrations).supportsFileAttributeView("posix"));
        Files.setPosixFilePermissions(migrations, PosixFilePermissions.fromString("---------"));
        try {
            // A privileged user reads anything; nothing to test then.
            assumeTrue(!Files.isReadable(migrations));
            assertThatThrownBy(this::scan)
                    .isInstanceOf(MigrationSourceException.class)
                    .hasMessageContaining("can't be listed (permission denied)");
        } finally {
            Files.setPosixFilePermissions(migrations, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void readDownWithoutDownScriptSaysHowToAddOne() throws IOException {
        write("0001_a.sql", "");
        write("0002_b.up.sql", "");
        write("0003_c/up.sql", "");
        List<Migration> ms = scan();
        assertThatThrownBy(() -> MigrationDirectory.readDown(ms.get(0)))
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("migrations/0001_a.sql: migration 0001_a has no down script")
                .hasMessageContaining("migrations/0001_a.up.sql");
        assertThatThrownBy(() -> MigrationDirectory.readDown(ms.get(1)))
                .hasMessageContaining("add migrations/0002_b.down.sql");
        assertThatThrownBy(() -> MigrationDirectory.readDown(ms.get(2)))
                .hasMessageContaining("add migrations/0003_c/down.sql");
    }

    @Test
    void readDownIsStrictUtf8AndNamesTheDownFile() throws IOException {
        write("0001_a/up.sql", "");
        Files.write(migrations.resolve("0001_a/down.sql"), new byte[] {'x', (byte) 0xC0});
        Migration m = scan().get(0);
        assertThatThrownBy(() -> MigrationDirectory.readDown(m))
                .hasMessageContaining("migrations/0001_a/down.sql: not valid UTF-8 at byte 1");
    }

    @Test
    void readDownStripsBom() throws IOException {
        write("0001_a.up.sql", "");
        write("0001_a.down.sql", "\uFEFFdrop table a;");
        assertThat(MigrationDirectory.readDown(scan().get(0))).isEqualTo("drop table a;");
    }

    @Test
    void scansFiveThousandFilesInVersionOrder() throws IOException {
        // Speed is measured in the benchmark module; this only checks that a large folder scans whole and in order.
        for (int i = 1; i <= 5000; i++) {
            write(String.format("%05d_m%d.sql", i, i), "create table t" + i + " (id int);\n");
        }
        List<Migration> ms = scan();
        assertThat(ms).hasSize(5000);
        assertThat(ms.get(4999).label()).isEqualTo("05000_m5000");
    }

    /**
     * A file reached through a symbolic link is judged by where it really is: a linked file or a
     * linked migration folder outside the project is refused, a link that stays inside is read.
     */
    @Test
    void linksAreJudgedByWhereTheirTargetReallyIs(@TempDir Path elsewhere) throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER);");
        Path inside = Files.writeString(project.resolve("shared.sql"), "CREATE TABLE b (id INTEGER);");
        assumeTrue(trySymlink(migrations.resolve("0002_b.sql"), inside));
        assertThat(scan()).extracting(Migration::label).containsExactly("0001_a", "0002_b");

        Path secret = Files.writeString(elsewhere.resolve("secret.sql"), "SELECT 1;");
        assumeTrue(trySymlink(migrations.resolve("0003_secret.sql"), secret));
        assertThat(catchScan())
                .hasMessageContaining("migrations/0003_secret.sql: is a symbolic link to a file outside the project");

        Files.delete(migrations.resolve("0003_secret.sql"));
        Path folder = Files.createDirectory(elsewhere.resolve("0004_folder"));
        Files.writeString(folder.resolve("up.sql"), "SELECT 1;");
        assumeTrue(trySymlink(migrations.resolve("0004_folder"), folder));
        assertThat(catchScan()).hasMessageContaining("is a symbolic link to a file outside the project");
    }

    private MigrationSourceException catchScan() {
        try {
            scan();
        } catch (MigrationSourceException e) {
            return e;
        }
        throw new AssertionError("expected a MigrationSourceException");
    }

    private static boolean trySymlink(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
