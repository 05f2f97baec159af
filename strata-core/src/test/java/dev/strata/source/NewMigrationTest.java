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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewMigrationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);

    @TempDir
    Path project;

    private Path migrations() {
        return project.resolve("migrations");
    }

    private List<Migration> existing() {
        return MigrationDirectory.scan(project, Path.of("migrations"));
    }

    private List<Path> create(String name, boolean reversible) {
        return NewMigration.create(
                migrations(), Files.isDirectory(migrations()) ? existing() : List.of(), name, reversible, CLOCK);
    }

    private void write(String relative) throws IOException {
        Path file = migrations().resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "select 1;\n");
    }

    @Test
    void firstMigrationInAMissingFolder() throws IOException {
        List<Path> created = create("init", false);
        assertThat(created).containsExactly(migrations().resolve("0001_init.sql"));
        assertThat(Files.readString(created.get(0))).isEqualTo("-- init: describe the change here\n");
    }

    @Test
    void sequentialKeepsTheWidth() throws IOException {
        write("0025_a.sql");
        write("0026_b.sql");
        assertThat(create("c", false)).containsExactly(migrations().resolve("0027_c.sql"));
    }

    @Test
    void sequentialOrdersNumericallyAndMayGrowWider() throws IOException {
        write("9_a.sql");
        write("10_b.sql");
        assertThat(create("c", false)).containsExactly(migrations().resolve("11_c.sql"));
        write("999_d.sql");
        assertThat(create("e", false)).containsExactly(migrations().resolve("1000_e.sql"));
    }

    @Test
    void timestampStyleUsesUtcNow() throws IOException {
        write("20250101000000_a.sql");
        assertThat(create("b", false)).containsExactly(migrations().resolve("20250304050607_b.sql"));
    }

    @Test
    void timestampStyleStillMovesForwardWhenClockIsBehind() throws IOException {
        write("20991231235959_future.sql");
        assertThat(create("b", false)).containsExactly(migrations().resolve("20991231235960_b.sql"));
    }

    @Test
    void reversibleFollowsPairStyle() throws IOException {
        write("0001_a.sql");
        List<Path> created = create("add users", true);
        assertThat(created)
                .containsExactly(
                        migrations().resolve("0002_add_users.up.sql"),
                        migrations().resolve("0002_add_users.down.sql"));
        assertThat(Files.readString(created.get(0))).isEqualTo("-- add_users: describe the change here\n");
        assertThat(Files.readString(created.get(1))).isEqualTo("-- revert 0002_add_users\n");
        // The result scans back as a pair with its down script.
        Migration m = existing().get(1);
        assertThat(m.layout()).isEqualTo(Layout.UP_DOWN_PAIR);
        assertThat(m.downFile()).isPresent();
    }

    @Test
    void reversibleFollowsNewestReversibleFolder() throws IOException {
        write("0001_a.up.sql");
        write("0001_a.down.sql");
        write("0002_b/up.sql");
        write("0002_b/down.sql");
        write("0003_c.sql");
        List<Path> created = create("d", true);
        assertThat(created)
                .containsExactly(
                        migrations().resolve("0004_d/up.sql"), migrations().resolve("0004_d/down.sql"));
        assertThat(existing().get(3).layout()).isEqualTo(Layout.FOLDER);
    }

    @Test
    void reversibleAfterFolderOnlyUpsIsAFolder() throws IOException {
        write("0001_a/up.sql");
        assertThat(create("b", true))
                .containsExactly(
                        migrations().resolve("0002_b/up.sql"), migrations().resolve("0002_b/down.sql"));
    }

    @Test
    void notReversibleInAllFolderProjectIsAFolderWithOnlyUp() throws IOException {
        write("0001_a/up.sql");
        write("0001_a/down.sql");
        assertThat(create("b", false)).containsExactly(migrations().resolve("0002_b/up.sql"));
        assertThat(migrations().resolve("0002_b/down.sql")).doesNotExist();
    }

    @Test
    void notReversibleInMixedProjectIsASingleFile() throws IOException {
        write("0001_a/up.sql");
        write("0002_b.up.sql");
        assertThat(create("c", false)).containsExactly(migrations().resolve("0003_c.sql"));
    }

    @Test
    void nameIsNormalised() {
        assertThat(NewMigration.normaliseName("  Add-Users Table ")).isEqualTo("add_users_table");
    }

    @Test
    void invalidNameIsRejected() {
        for (String bad : List.of("", "   ", "drop!", "café", "a/b", "../x")) {
            assertThatThrownBy(() -> create(bad, false))
                    .isInstanceOf(MigrationSourceException.class)
                    .hasMessageContaining("migration name '" + bad + "'")
                    .hasMessageContaining("add_users_table");
        }
        assertThat(migrations()).doesNotExist();
    }

    @Test
    void neverOverwrites() throws IOException {
        write("0001_a.sql");
        // A stray file where the next migration would go, but not scanned as a migration.
        Files.writeString(migrations().resolve("0002_b.down.sql"), "keep me");
        assertThatThrownBy(() -> NewMigration.create(migrations(), List.of(existingFirst()), "b", true, CLOCK))
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("0002_b.down.sql already exists")
                .hasMessageContaining("never overwrites");
        assertThat(Files.readString(migrations().resolve("0002_b.down.sql"))).isEqualTo("keep me");
        assertThat(migrations().resolve("0002_b.up.sql")).doesNotExist();
    }

    private Migration existingFirst() {
        Path up = migrations().resolve("0001_a.sql");
        return new Migration(
                Version.parse("0001"), "a", Layout.SINGLE_FILE, up, "migrations/0001_a.sql", "", "x", Optional.empty());
    }
}
