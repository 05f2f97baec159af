package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.ConfigurationException;
import dev.strata.source.Version;
import dev.strata.testing.Jdbc;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code baseline} on both engines: records without running, refuses what would lie. */
class BaselineTest {

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

    /** A database built by hand up to 0002, and a folder that goes on to 0003. */
    private void existingDatabase(TestEngine engine) throws IOException {
        url = engine.newDatabaseUrl(project);
        Jdbc.execute(url, "CREATE TABLE a (id INT)");
        Jdbc.execute(url, "CREATE TABLE b (id INT)");
        MigrationFiles.write(project, "0001_a.sql", "CREATE TABLE a (id INT);");
        MigrationFiles.write(project, "0002_b.sql", "CREATE TABLE b (id INT);");
        MigrationFiles.write(project, "0003_c.sql", "CREATE TABLE c (id INT);");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void recordsUpToTheVersionWithoutRunningThenMigrateGoesOn(TestEngine engine) throws IOException {
        existingDatabase(engine);

        BaselineResult result = strata().baseline(Version.parse("0002"), false);

        assertThat(result.dryRun()).isFalse();
        assertThat(result.recorded()).extracting(r -> r.label()).containsExactly("0001_a", "0002_b");
        assertThat(result.recorded().get(0).appliedBy()).endsWith("(baseline)");
        assertThat(result.recorded())
                .allSatisfy(r -> assertThat(r.executionMs()).isZero());
        StatusReport status = strata().status();
        assertThat(status.migrations())
                .extracting(m -> m.state())
                .containsExactly(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.PENDING);

        assertThat(strata().migrate().applied()).extracting(r -> r.label()).containsExactly("0003_c");
        assertThat(engine.tables(url)).contains("a", "b", "c");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void dryRunWritesNothing(TestEngine engine) throws IOException {
        existingDatabase(engine);

        BaselineResult preview = strata().baseline(Version.parse("2"), true);

        assertThat(preview.dryRun()).isTrue();
        assertThat(preview.recorded()).hasSize(2);
        assertThat(engine.tables(url)).doesNotContain("strata_history");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void refusesWhenTheHistoryHoldsAVersionAboveIt(TestEngine engine) throws IOException {
        existingDatabase(engine);
        Jdbc.execute(url, "DROP TABLE a");
        Jdbc.execute(url, "DROP TABLE b");
        strata().migrate();

        assertThatThrownBy(() -> strata().baseline(Version.parse("0002"), false))
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("nothing was recorded")
                .hasMessageContaining("0003_c is already recorded as applied, above 0002");
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void aSecondBaselineOnlyAddsWhatIsMissing(TestEngine engine) throws IOException {
        existingDatabase(engine);
        strata().baseline(Version.parse("0001"), false);

        BaselineResult again = strata().baseline(Version.parse("0002"), false);

        assertThat(again.recorded()).extracting(r -> r.label()).containsExactly("0002_b");
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM strata_history")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void aVersionNoFileHasIsAUsageError(TestEngine engine) throws IOException {
        existingDatabase(engine);

        assertThatThrownBy(() -> strata().baseline(Version.parse("7"), false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--version 7: no migration file has version 7");
    }
}
