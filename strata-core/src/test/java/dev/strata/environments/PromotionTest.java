package dev.strata.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.engine.MigrateOptions;
import dev.strata.engine.MigrateResult;
import dev.strata.engine.MigrationRefusedException;
import dev.strata.source.Version;
import dev.strata.testing.Jdbc;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code requires = "staging"}: prod runs only what staging has run, with the same checksum. */
class PromotionTest {

    @TempDir
    Path dir;

    private Project project(Project.Engine engine) {
        Project project = new Project(dir, engine);
        project.toml("""
                [environments.staging]
                url = "%s"
                [environments.prod]
                url = "%s"
                requires = "staging"
                """.formatted(project.database("staging"), project.database("prod")));
        return project.migration("0001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
                .migration("0002_orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);")
                .migration("0003_items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY);");
    }

    @ParameterizedTest
    @EnumSource(Project.Engine.class)
    void prodRefusesWhatStagingHasNotRunAndChangesNothing(Project.Engine engine) {
        Project project = project(engine);
        project.strata("staging").migrate(new MigrateOptions(Optional.of(Version.parse("0002")), false, false));

        assertThatThrownBy(() -> project.strata("prod").migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("nothing was applied to prod: it requires = \"staging\", so every migration"
                        + " must be applied on staging first, and 1 of 3 pending migrations are not:")
                .hasMessageContaining("migrations/0003_items.sql: not applied on staging yet; run 'strata --env"
                        + " staging migrate' first.")
                .hasMessageNotContaining("0001_users")
                .hasMessageNotContaining("0002_orders");
        assertThat(project.hasHistory("prod")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Project.Engine.class)
    void whatStagingRanGoesThroughUpToItsLevel(Project.Engine engine) {
        Project project = project(engine);
        project.strata("staging").migrate(new MigrateOptions(Optional.of(Version.parse("0002")), false, false));

        MigrateResult result =
                project.strata("prod").migrate(new MigrateOptions(Optional.of(Version.parse("0002")), false, false));

        assertThat(result.applied()).hasSize(2);
        project.strata("staging").migrate();
        assertThat(project.strata("prod").migrate().applied()).hasSize(1);
        assertThat(project.count("prod", "SELECT count(*) FROM strata_history")).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Project.Engine.class)
    void aDifferentChecksumOnStagingIsRefused(Project.Engine engine) {
        Project project = project(engine);
        project.strata("staging").migrate();
        Jdbc.execute(
                project.url("staging"),
                "UPDATE strata_history SET checksum = 'an older edit' WHERE version" + " = '0002'");

        assertThatThrownBy(() -> project.strata("prod").migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("migrations/0002_orders.sql: staging applied a different version of this"
                        + " file (its recorded checksum differs from the file's)")
                .hasMessageNotContaining("0001_users")
                .hasMessageNotContaining("0003_items");
        assertThat(project.hasHistory("prod")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Project.Engine.class)
    void anUnreadableStagingStopsProd(Project.Engine engine) {
        Project project = project(engine);
        project.variables.remove("STAGING_URL");

        assertThatThrownBy(() -> project.strata("prod").migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("staging could not be read to check:")
                .hasMessageContaining("environment variable STAGING_URL is not set");
        assertThat(project.hasHistory("prod")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Project.Engine.class)
    void aDryRunShowsThePlanWithoutAskingStaging(Project.Engine engine) {
        Project project = project(engine);

        MigrateResult dryRun = project.strata("prod").migrate(new MigrateOptions(Optional.empty(), true, false));

        assertThat(dryRun.planned()).hasSize(3);
        assertThat(project.hasHistory("prod")).isFalse();
    }
}
