package dev.strata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationSetTest {

    @TempDir
    Path dir;

    @Test
    void theSameCountGivesTheSameFiles() throws Exception {
        MigrationSet first = MigrationSet.generate(dir.resolve("a"), 12);
        MigrationSet second = MigrationSet.generate(dir.resolve("b"), 12);

        assertThat(first.files()).hasSize(12);
        for (int i = 0; i < 12; i++) {
            assertThat(first.files().get(i).getFileName())
                    .isEqualTo(second.files().get(i).getFileName());
            assertThat(Files.readString(first.files().get(i)))
                    .isEqualTo(Files.readString(second.files().get(i)));
        }
        assertThat(Files.readString(first.liquibaseChangelog()))
                .isEqualTo(Files.readString(second.liquibaseChangelog()));
        assertThat(first.files().get(0).getFileName().toString()).isEqualTo("0001_create_table_1.sql");
        assertThat(first.files().get(11).getFileName().toString()).isEqualTo("0012_index_table_3.sql");
    }

    @Test
    void versionsAreAsWideAsTheLargestCount() {
        MigrationSet set = MigrationSet.generate(dir, 10_000);

        assertThat(set.files().get(0).getFileName().toString()).startsWith("00001_");
        assertThat(set.files().get(9_999).getFileName().toString()).startsWith("10000_");
    }

    @Test
    void expectedObjectsFollowTheRepeatingKinds() {
        assertThat(MigrationSet.expectedObjects(5)).isEqualTo(new MigrationSet.ObjectCounts(1, 2, 1));
        assertThat(MigrationSet.expectedObjects(12)).isEqualTo(new MigrationSet.ObjectCounts(3, 6, 2));
    }

    @Test
    void theFloorSplitsGeneratedFilesIntoTheirStatements() throws Exception {
        MigrationSet set = MigrationSet.generate(dir, 5);

        List<String> index =
                FloorContender.statements(Files.readString(set.files().get(1)));
        List<String> seed =
                FloorContender.statements(Files.readString(set.files().get(3)));

        assertThat(index)
                .containsExactly(
                        "CREATE INDEX ix_t_1_name ON t_1 (name)",
                        "CREATE INDEX ix_t_1_amount ON t_1 (amount, created_at)");
        assertThat(seed).hasSize(1);
        assertThat(seed.get(0)).startsWith("INSERT INTO t_1").endsWith("'it''s third')");
    }
}
