package dev.strata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the in-process workloads on tiny sizes against real SQLite files and a real embedded
 * PostgreSQL: every contender must create every generated object and report every migration
 * applied, or the harness throws. This checks correctness only; no assertion looks at a time.
 */
class BenchSmokeTest {

    @TempDir
    Path dir;

    @Test
    @Tag("full")
    void everyContenderDoesTheSameWorkOnBothEngines() throws Exception {
        BenchOptions options = BenchOptions.parse(
                "--quick",
                "--sizes",
                "6,12",
                "--history-size",
                "12",
                "--workloads",
                "migrate,history",
                "--root",
                dir.toString(),
                "--out",
                dir.resolve("results").toString(),
                "--work",
                dir.resolve("work").toString());

        Path markdown = Bench.run(options);

        List<String> csv = Files.readAllLines(dir.resolve("results/latest.csv"), StandardCharsets.UTF_8);
        // migrate: 2 engines x 2 sizes x 5 (the 4 contenders and strata in one transaction); status and
        // validate: 2 engines x 2 x 4.
        assertThat(csv).hasSize(1 + 20 + 16);
        assertThat(csv).anySatisfy(line -> assertThat(line).contains("\"migrate\",sqlite,12,strata-single,"));
        assertThat(csv).noneSatisfy(line -> assertThat(line).contains("\"status\",sqlite,12,strata-single,"));
        assertThat(csv.get(0))
                .isEqualTo("date,machine,workload,engine,migrations,contender,version,round,seconds,cpu_seconds");
        assertThat(csv).anySatisfy(line -> assertThat(line).contains("\"migrate\",postgres,12,liquibase,"));
        assertThat(csv).anySatisfy(line -> assertThat(line).contains("\"validate\",sqlite,12,strata,"));
        String text = Files.readString(markdown, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("| migrate | sqlite | 6 |", "| status | postgres | 12 |", "strata / floor")
                .contains("one transaction / floor")
                .contains("| sqlite | 6 → 12 | 2.0x |", "| postgres | 6 → 12 | 2.0x |", "one transaction, CPU")
                .contains("Flyway 11.", "Liquibase 4.", "SQLite 3.", "PostgreSQL ")
                .doesNotContain("Lint, the shadow database and table rebuild");
        assertThat(dir.resolve("results"))
                .isDirectoryContaining(
                        path -> path.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}T\\d{4}Z\\.md"));
    }

    /**
     * schema-growth on both engines: every stretch of the generated migrations gets a row, with a
     * commit per migration and in one transaction, and no sample reaches the contest's tables.
     */
    @Test
    void schemaGrowthTimesEachKindOfMigrationPerStretch() throws Exception {
        BenchOptions options = BenchOptions.parse(
                "--quick",
                "--sizes",
                "20",
                "--workloads",
                "schema-growth",
                "--root",
                dir.toString(),
                "--out",
                dir.resolve("results").toString(),
                "--work",
                dir.resolve("work").toString());

        Path markdown = Bench.run(options);

        String text = Files.readString(markdown, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("| Engine | Commits | Migrations | objects | CREATE TABLE | 2 CREATE INDEX | ADD COLUMN |")
                .contains("| sqlite | one per migration | 1-5 | 0 |", "| sqlite | one at the end | 16-20 | 12 |")
                .contains("| postgres | one per migration | 16-20 | 12 |")
                .doesNotContain("In process");
        assertThat(Files.readAllLines(dir.resolve("results/latest.csv"), StandardCharsets.UTF_8))
                .hasSize(1);
    }

    /**
     * lint on both engines, with and without the shadow, and the table rebuild against the sqlite3
     * shell (which {@code .ci/run} installs): the harness throws unless lint read every file and used
     * the shadow, and unless both rebuilds converted every row.
     */
    @Test
    void lintAndRebuildRunAndReportTheirRows() throws Exception {
        BenchOptions options = BenchOptions.parse(
                "--quick",
                "--lint-size",
                "15",
                "--rebuild-rows",
                "2000",
                "--contenders",
                "strata",
                "--workloads",
                "lint,rebuild",
                "--root",
                dir.toString(),
                "--out",
                dir.resolve("results").toString(),
                "--work",
                dir.resolve("work").toString());

        Path markdown = Bench.run(options);

        List<String> csv = Files.readAllLines(dir.resolve("results/latest.csv"), StandardCharsets.UTF_8);
        // lint: 2 engines x 2 modes; rebuild: strata and the shell, SQLite only.
        assertThat(csv).hasSize(1 + 4 + 2);
        assertThat(csv).anySatisfy(line -> assertThat(line).contains("\"lint (shadow)\",postgres,15,strata,"));
        assertThat(csv).anySatisfy(line -> assertThat(line).contains("\"rebuild\",sqlite,2000,sqlite3,"));
        String text = Files.readString(markdown, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("| `strata lint (statements)` | sqlite | 15 files |", "| `strata lint (shadow)` | postgres |")
                .contains("| table rebuild (`strata alter --type`) | sqlite | 2,000 rows |", "strata / other tool")
                .containsPattern("sqlite3 shell \\(SQLite 3\\.[0-9.]+\\); while strata rebuilt 2,000 rows"
                        + " the JVM heap grew by at most [0-9,]+ KB");
    }

    /**
     * shadow-check on crates.io's real history (from the repository, so the working directory's
     * parent is the root): check must find nothing missing and lint --pending exactly the table the
     * first pending file drops, or the harness throws; both rows are reported beside psql's.
     */
    @Test
    @Tag("full")
    void shadowCheckTimesCheckAndLintPendingOfARealHistoryBesidePsql() throws Exception {
        BenchOptions options = BenchOptions.parse(
                "--quick",
                "--engines",
                "postgres",
                "--workloads",
                ShadowCheckWorkload.NAME,
                "--root",
                Path.of("..").toAbsolutePath().normalize().toString(),
                "--out",
                dir.resolve("results").toString(),
                "--work",
                dir.resolve("work").toString());

        Path markdown = Bench.run(options);

        List<String> csv = Files.readAllLines(dir.resolve("results/latest.csv"), StandardCharsets.UTF_8);
        // check and lint --pending, each timed for strata and for psql, one round.
        assertThat(csv).hasSize(1 + 4);
        assertThat(csv).anySatisfy(line -> assertThat(line).contains("\"check (crates.io)\",postgres,285,strata,"));
        assertThat(csv)
                .anySatisfy(line -> assertThat(line).contains("\"lint --pending (crates.io)\",postgres,285,psql,"));
        assertThat(Files.readString(markdown, StandardCharsets.UTF_8))
                .contains("| `strata check` (crates.io) | postgres | 285 files |")
                .contains("| `strata lint --pending` (crates.io) | postgres | 285 files |");
    }

    /**
     * The junit workload runs both test classes on both engines: each test checks that its database
     * holds every migration, and the harness throws if a test fails or is missing.
     */
    @Test
    @Tag("full")
    void freshDatabasePerTestRunsRealTestClassesOnBothEngines() throws Exception {
        BenchOptions options = BenchOptions.parse(
                "--quick",
                "--contenders",
                "strata",
                "--workloads",
                "junit",
                "--root",
                dir.toString(),
                "--out",
                dir.resolve("results").toString(),
                "--work",
                dir.resolve("work").toString());

        Path markdown = Bench.run(options);

        List<String> csv = Files.readAllLines(dir.resolve("results/latest.csv"), StandardCharsets.UTF_8);
        // 2 engines x (template copy, re-migrate), one round.
        assertThat(csv).hasSize(1 + 4);
        assertThat(csv)
                .anySatisfy(line -> assertThat(line).contains("\"fresh db per test\",postgres,10,strata-junit,"));
        assertThat(csv).anySatisfy(line -> assertThat(line).contains("\"fresh db per test\",sqlite,10,re-migrate,"));
        assertThat(Files.readString(markdown, StandardCharsets.UTF_8))
                .contains("| Engine | Migrations | strata-junit (template copy) | re-migrate each test |")
                .containsPattern("\\| sqlite \\| 10 \\| [0-9.]+ \\([0-9.]+-[0-9.]+\\) \\| [0-9.]+ ");
    }
}
