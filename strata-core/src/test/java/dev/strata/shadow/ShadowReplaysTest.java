package dev.strata.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.ConfigLoader;
import dev.strata.config.ConfigOptions;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.WaitListener;
import dev.strata.schema.Schema;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One replay per question on real SQLite and a real PostgreSQL server: an answer taken from an
 * earlier replay is the very same schema object, and a new question gets a schema of its own.
 */
class ShadowReplaysTest {

    @TempDir
    Path project;

    private final ShadowReplays replays = new ShadowReplays();

    @BeforeEach
    void migrations() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY);");
        Files.writeString(project.resolve("migrations/0002_email.sql"), "ALTER TABLE users ADD COLUMN email TEXT;");
    }

    private StrataConfig config(String url) {
        return ConfigLoader.load(ConfigOptions.in(project).withUrl(url).withEnv(Map.of()));
    }

    private List<Migration> files() {
        return MigrationDirectory.scan(project, project.resolve("migrations"));
    }

    @Test
    void sqliteFilesOfOneProjectShareAReplayAndOtherFilesOrSettingsGetTheirOwn() throws IOException {
        Schema first = replays.applyAllThenRead(config("sqlite:tenants/a.db"), files(), WaitListener.SILENT);
        assertThat(first.table("users")).isPresent();

        assertThat(replays.applyAllThenRead(config("sqlite:tenants/b.db"), files(), WaitListener.SILENT))
                .isSameAs(first);
        assertThat(replays.applyAllThenRead(config("sqlite:a.db"), files().subList(0, 1), WaitListener.SILENT))
                .as("fewer applied files")
                .isNotSameAs(first);
        Files.writeString(project.resolve("strata.toml"), "[migrations]\ntable = \"other_history\"\n");
        assertThat(replays.applyAllThenRead(config("sqlite:tenants/c.db"), files(), WaitListener.SILENT))
                .as("another history table")
                .isNotSameAs(first);
    }

    @Test
    void databasesOfOnePostgresServerShareAReplayButTenantSchemasDoNot() {
        StrataConfig one = config(PostgresServer.newDatabaseUrl());
        StrataConfig other = config(PostgresServer.newDatabaseUrl());
        Schema first = replays.applyAllThenRead(one, files(), WaitListener.SILENT);

        assertThat(replays.applyAllThenRead(other, files(), WaitListener.SILENT))
                .isSameAs(first);
        // As a fleet loads a tenant schema's target: its history and search path are that schema.
        StrataConfig tenant = ConfigLoader.load(ConfigOptions.in(project)
                .withUrl(other.url().display())
                .withSchema("tenant_1")
                .withEnv(Map.of()));
        tenant = tenant.onDatabase(tenant.url().inSchema("tenant_1"), "a fleet's tenant");
        assertThat(replays.applyAllThenRead(tenant, files(), WaitListener.SILENT))
                .isNotSameAs(first);
    }

    /** The failure may pass, as here a shadow_url that something else was holding: no failed answer is kept. */
    @Test
    void aFailedReplayIsNotKeptSoTheSameQuestionLaterReplaysAgain() throws IOException {
        String shadow = "sqlite:" + project.resolve("shadow.db");
        Jdbc.execute(shadow, "CREATE TABLE someone_elses (id INTEGER)");
        Files.writeString(project.resolve("strata.toml"), "[migrations]\nshadow_url = \"sqlite:shadow.db\"\n");
        StrataConfig config = config("sqlite:a.db");

        assertThatThrownBy(() -> replays.applyAllThenRead(config, files(), WaitListener.SILENT))
                .isInstanceOf(ShadowException.class)
                .hasMessageContaining("is not empty");
        Jdbc.execute(shadow, "DROP TABLE someone_elses");

        assertThat(replays.applyAllThenRead(config, files(), WaitListener.SILENT)
                        .table("users"))
                .isPresent();
    }
}
