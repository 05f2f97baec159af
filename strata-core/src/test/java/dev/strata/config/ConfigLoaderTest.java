package dev.strata.config;

import static java.nio.file.StandardOpenOption.APPEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.DatabaseUrl.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String TOML = """
            environment = "dev"

            [migrations]
            dir = "db/migrations"
            table = "schema_history"
            schema = "public"

            [environments.dev]
            url = "sqlite:dev.db"

            [environments.prod]
            url = "postgres://app:${env.PGPASSWORD}@db.example.com/app"
            schema = "app"
            """;

    @TempDir
    Path project;

    final Map<String, String> env = new HashMap<>();

    private ConfigOptions options() {
        return ConfigOptions.in(project).withEnv(env);
    }

    private StrataConfig load(ConfigOptions options) {
        return ConfigLoader.load(options);
    }

    private void toml(String text) throws IOException {
        Files.writeString(project.resolve("strata.toml"), text);
    }

    private Path sqlite(String file) {
        return project.toAbsolutePath().normalize().resolve(file);
    }

    @Test
    void noConfigurationAtAll() {
        StrataConfig c = load(options());
        assertThat(c.projectDir()).isEqualTo(project.toAbsolutePath().normalize());
        assertThat(c.url().sqliteFile()).contains(sqlite("strata.db"));
        assertThat(c.urlOrigin()).isEqualTo("default (no URL configured)");
        assertThat(c.usesDefaultDatabase()).isTrue();
        assertThat(c.migrationsDir()).isEqualTo(sqlite("migrations"));
        assertThat(c.historyTable()).isEqualTo("strata_history");
        assertThat(c.schema()).isEmpty();
        assertThat(c.environment()).isEmpty();
    }

    @Test
    void fullFileWithDefaultEnvironment() throws IOException {
        toml(TOML);
        StrataConfig c = load(options());
        assertThat(c.url().sqliteFile()).contains(sqlite("dev.db"));
        assertThat(c.urlOrigin()).isEqualTo("environment 'dev' in strata.toml");
        assertThat(c.environment()).contains("dev");
        assertThat(c.migrationsDir()).isEqualTo(sqlite("db/migrations"));
        assertThat(c.historyTable()).isEqualTo("schema_history");
        assertThat(c.schema()).contains("public");
    }

    @Test
    void envOptionPicksAnEnvironmentAndItsSchema() throws IOException {
        toml(TOML);
        env.put("PGPASSWORD", "hunter2");
        StrataConfig c = load(options().withEnvironment("prod"));
        assertThat(c.url().engine()).isEqualTo(Engine.POSTGRES);
        assertThat(c.url().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com/app");
        assertThat(c.url().password()).contains("hunter2");
        assertThat(c.url().display()).isEqualTo("postgres://app:***@db.example.com/app");
        assertThat(c.urlOrigin()).isEqualTo("environment 'prod' in strata.toml");
        assertThat(c.environment()).contains("prod");
        assertThat(c.schema()).contains("app");
    }

    @Test
    void urlOptionWinsOverEverything() throws IOException {
        toml(TOML);
        env.put("DATABASE_URL", "sqlite:from-env.db");
        StrataConfig c = load(options().withUrl("sqlite:cli.db"));
        assertThat(c.url().sqliteFile()).contains(sqlite("cli.db"));
        assertThat(c.urlOrigin()).isEqualTo("--url");
        assertThat(c.environment()).isEmpty();
        // No environment in use, so only the [migrations] schema applies.
        assertThat(c.schema()).contains("public");
    }

    @Test
    void envOptionWinsOverDatabaseUrl() throws IOException {
        toml(TOML);
        env.put("DATABASE_URL", "sqlite:from-env.db");
        assertThat(load(options().withEnvironment("dev")).url().sqliteFile()).contains(sqlite("dev.db"));
    }

    @Test
    void databaseUrlWinsOverTheFilesDefault() throws IOException {
        toml(TOML);
        env.put("DATABASE_URL", "sqlite:from-env.db");
        StrataConfig c = load(options());
        assertThat(c.url().sqliteFile()).contains(sqlite("from-env.db"));
        assertThat(c.urlOrigin()).isEqualTo("DATABASE_URL");
        assertThat(c.environment()).isEmpty();
    }

    @Test
    void blankDatabaseUrlCountsAsUnset() {
        env.put("DATABASE_URL", "  ");
        assertThat(load(options()).usesDefaultDatabase()).isTrue();
    }

    @Test
    void fileWithoutDefaultEnvironmentFallsBackToDefaultUrl() throws IOException {
        toml("[environments.dev]\nurl = \"sqlite:dev.db\"\n");
        assertThat(load(options()).urlOrigin()).isEqualTo("default (no URL configured)");
    }

    @Test
    void urlAndEnvTogetherAreRejected() {
        assertThatThrownBy(() -> load(options().withUrl("sqlite:a.db").withEnvironment("dev")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--url and --env can't be used together");
    }

    @Test
    void unknownEnvironmentListsDefinedOnes() throws IOException {
        toml(TOML);
        assertThatThrownBy(() -> load(options().withEnvironment("staging")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--env staging")
                .hasMessageContaining("no environment 'staging'")
                .hasMessageContaining("defined: dev, prod");
    }

    @Test
    void envOptionWithoutFile() {
        assertThatThrownBy(() -> load(options().withEnvironment("dev")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("there is no strata.toml");
    }

    @Test
    void defaultEnvironmentMustBeDefined() throws IOException {
        toml("environment = \"staging\"\n[environments.dev]\nurl = \"sqlite:dev.db\"\n");
        assertThatThrownBy(() -> load(options()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("environment = \"staging\" names an environment that is not defined")
                .hasMessageContaining("defined: dev");
    }

    @Test
    void environmentWithoutUrl() throws IOException {
        toml("[environments.dev]\nschema = \"x\"\n");
        assertThatThrownBy(() -> load(options().withEnvironment("dev")))
                .hasMessageContaining("[environments.dev] has no url");
    }

    @Test
    void badUrlSaysWhereItCameFrom() throws IOException {
        toml("[environments.dev]\nurl = \"mysql://root:hunter2@h/db\"\n");
        assertThatThrownBy(() -> load(options().withEnvironment("dev")))
                .hasMessageStartingWith("strata.toml: [environments.dev] url: unsupported database URL")
                .hasMessageNotContaining("hunter2");
        env.put("DATABASE_URL", "postgres://app:hunter2@db:99999/app");
        assertThatThrownBy(() -> load(options()))
                .hasMessageStartingWith("DATABASE_URL: ")
                .hasMessageContaining("bad port")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> load(options().withUrl("postgres://app:hunter2@/app")))
                .hasMessageStartingWith("--url: ")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void environmentVariablesAreSubstituted() throws IOException {
        toml("""
                [migrations]
                dir = "${env.MIGRATIONS}"
                [environments.ci]
                url = "postgres://${env.PGUSER}:${env.PGPASSWORD}@${env.PGHOST}/app"
                """);
        env.putAll(Map.of("MIGRATIONS", "sql", "PGUSER", "ci", "PGPASSWORD", "p@ss$1\\x", "PGHOST", "pg"));
        StrataConfig c = load(options().withEnvironment("ci"));
        assertThat(c.migrationsDir()).isEqualTo(sqlite("sql"));
        assertThat(c.url().user()).contains("ci");
        // Replacement text is taken literally: '$' and '\\' are not special.
        assertThat(c.url().password()).contains("p@ss$1\\x");
        assertThat(c.url().jdbcUrl()).isEqualTo("jdbc:postgresql://pg/app");
    }

    @Test
    void unsetVariableIsNamedWithItsSetting() throws IOException {
        toml(TOML);
        assertThatThrownBy(() -> load(options().withEnvironment("prod")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "strata.toml: environment variable PGPASSWORD is not set (used by [environments.prod] url); "
                                + "set it or change the setting");
    }

    @Test
    void variablesOfUnusedEnvironmentsNeedNotBeSet() throws IOException {
        toml(TOML);
        assertThat(load(options().withEnvironment("dev")).environment()).contains("dev");
    }

    @Test
    void otherDollarTextIsKept() throws IOException {
        toml("[environments.dev]\nurl = \"sqlite:${HOME}.db\"\n");
        assertThat(load(options().withEnvironment("dev")).url().sqliteFile()).contains(sqlite("${HOME}.db"));
    }

    @Test
    void migrationsDirPrecedence() throws IOException {
        assertThat(load(options()).migrationsDir()).isEqualTo(sqlite("migrations"));
        toml("[migrations]\ndir = \"from-file\"\n");
        assertThat(load(options()).migrationsDir()).isEqualTo(sqlite("from-file"));
        assertThat(load(options().withMigrationsDir(Path.of("from-cli"))).migrationsDir())
                .isEqualTo(sqlite("from-cli"));
    }

    @Test
    void dbmatesDefaultFolderIsUsedOnlyWhenThereIsNoMigrationsFolder() throws IOException {
        Files.createDirectories(project.resolve("db/migrations"));
        assertThat(load(options()).migrationsDir()).isEqualTo(sqlite("db/migrations"));
        Files.createDirectories(project.resolve("migrations"));
        assertThat(load(options()).migrationsDir()).isEqualTo(sqlite("migrations"));
        toml("[migrations]\ndir = \"from-file\"\n");
        assertThat(load(options()).migrationsDir()).isEqualTo(sqlite("from-file"));
    }

    @Test
    void explicitTableAndSchemaWin() throws IOException {
        toml(TOML);
        StrataConfig c = load(
                options().withEnvironment("dev").withHistoryTable("api_history").withSchema("api"));
        assertThat(c.historyTable()).isEqualTo("api_history");
        assertThat(c.schema()).contains("api");
    }

    @Test
    void identifiersAreValidated() throws IOException {
        for (String bad : List.of("my-table", "1abc", "", "a b", "x".repeat(59), "drop;--")) {
            assertThatThrownBy(() -> load(options().withHistoryTable(bad)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("historyTable")
                    .hasMessageContaining("not a plain identifier");
        }
        // 58 for the table, so that "<table>_meta" still fits PostgreSQL's 63; 63 for a schema.
        assertThat(load(options().withHistoryTable("_" + "x".repeat(57))).historyTable())
                .hasSize(58);
        assertThat(load(options().withSchema("_" + "x".repeat(62))).schema()).hasValue("_" + "x".repeat(62));
        toml("[migrations]\ntable = \"my-history\"\n");
        assertThatThrownBy(() -> load(options()))
                .hasMessageContaining("strata.toml: [migrations] table: 'my-history' is not a plain identifier");
        toml("[environments.dev]\nurl = \"sqlite:x.db\"\nschema = \"bad.schema\"\n");
        assertThatThrownBy(() -> load(options().withEnvironment("dev")))
                .hasMessageContaining("[environments.dev] schema: 'bad.schema'");
        assertThatThrownBy(() -> load(options().withSchema("x y"))).hasMessageContaining("schema");
    }

    @Test
    void identifierFromVariableIsNotPrinted() throws IOException {
        toml("[migrations]\ntable = \"${env.TABLE}\"\n");
        env.put("TABLE", "not-secret-but-unprinted");
        assertThatThrownBy(() -> load(options()))
                .hasMessageContaining("'${env.TABLE}'")
                .hasMessageNotContaining("unprinted");
    }

    @Test
    void missingProjectDir() {
        assertThatThrownBy(() -> load(options().withProjectDir(project.resolve("nope"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("-C DIR: folder '")
                .hasMessageContaining("nope' does not exist");
    }

    @Test
    void projectDirThatIsAFile() throws IOException {
        Path file = Files.writeString(project.resolve("f"), "");
        assertThatThrownBy(() -> load(options().withProjectDir(file))).hasMessageContaining("is a file, not a folder");
    }

    @Test
    void unknownKeysNameKeyTableAndKnownKeys() throws IOException {
        toml("[environments.dev]\nurll = \"sqlite:dev.db\"\n");
        assertThatThrownBy(() -> load(options()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "strata.toml: unknown key 'urll' in [environments.dev]; known keys: url, schema, shadow_url,"
                                + " single_transaction, requires, confirm, backup, keep, seeds, protected, lint,"
                                + " lock_timeout, statement_timeout, lock_retries");
        toml("enviroment = \"dev\"\n");
        assertThatThrownBy(() -> load(options()))
                .hasMessageContaining("unknown key 'enviroment' at the top level")
                .hasMessageContaining("known keys: environment, migrations, environments, lint");
        toml("[migrations]\ndirectory = \"x\"\n");
        assertThatThrownBy(() -> load(options()))
                .hasMessageContaining(
                        "unknown key 'directory' in [migrations]; known keys: dir, table, schema, shadow_url, target");
    }

    @Test
    void keysOfLaterFeaturesAreAccepted() throws IOException {
        toml("""
                target = "0005"
                [migrations]
                shadow_url = "sqlite:shadow.db"
                [environments.prod]
                url = "sqlite:prod.db"
                target = "0005"
                shadow_url = "sqlite:shadow.db"
                """);
        assertThat(load(options().withEnvironment("prod")).url().sqliteFile()).contains(sqlite("prod.db"));
    }

    @Test
    void shadowUrlOfTheEnvironmentBeatsTheOneOfMigrations() throws IOException {
        toml("""
                environment = "dev"
                [migrations]
                shadow_url = "sqlite:shadow.db"
                [environments.dev]
                url = "sqlite:dev.db"
                [environments.prod]
                url = "postgres://app@db.example.com/app"
                shadow_url = "postgres://app:${env.SHADOW_PASSWORD}@db.example.com/app_shadow"
                """);
        env.put("SHADOW_PASSWORD", "s3cret");

        assertThat(load(options()).shadowUrl().orElseThrow().sqliteFile()).contains(sqlite("shadow.db"));
        DatabaseUrl prod = load(options().withEnvironment("prod")).shadowUrl().orElseThrow();
        assertThat(prod.jdbcUrl()).endsWith("/app_shadow");
        assertThat(prod.password()).contains("s3cret");
        assertThat(load(options().withUrl("sqlite:other.db")).shadowUrl()).isPresent();
    }

    @Test
    void noShadowUrlMeansAThrowawayDatabase() {
        assertThat(load(options()).shadowUrl()).isEmpty();
    }

    @Test
    void aShadowUrlNamingTheMigratedDatabaseOrAnotherEngineIsRefused() throws IOException {
        toml("[migrations]\nshadow_url = \"sqlite:app.db\"\n");
        assertThatThrownBy(() -> load(options().withUrl("sqlite:app.db")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[migrations] shadow_url names the database strata migrates");
        assertThatThrownBy(() -> load(options().withUrl("postgres://app@localhost/app")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is a SQLite database but the database is PostgreSQL");
    }

    @Test
    void lintSettingsTargetAndStrictEnvironmentsAreRead() throws IOException {
        toml("""
                [migrations]
                target = "D1"
                [lint]
                drop-table = "warning"
                missing-if-not-exists = "off"
                [environments.prod]
                url = "sqlite:prod.db"
                lint = "strict"
                [environments.dev]
                url = "sqlite:dev.db"
                """);
        StrataConfig prod = load(options().withEnvironment("prod"));
        assertThat(prod.target()).contains("d1");
        assertThat(prod.lint().levels())
                .containsEntry("drop-table", "warning")
                .containsEntry("missing-if-not-exists", "off");
        assertThat(prod.lint().strict()).isTrue();
        assertThat(load(options().withEnvironment("dev")).lint().strict()).isFalse();
        assertThat(load(options().withUrl("sqlite:x.db")).lint().strict()).isFalse();
    }

    /**
     * A command that can do without the database (lint in a job without DATABASE_URL) sets aside an
     * environment URL whose variable is not set, but only when target says which engine the SQL is
     * for; every other command, and a file without target, still refuses.
     */
    @Test
    void anUnsetUrlIsSetAsideOnlyByACommandThatCanDoWithoutItAndOnlyWithATarget() throws IOException {
        toml("""
                environment = "prod"

                [environments.prod]
                url = "${env.DATABASE_URL}"
                lint = "strict"
                """);
        assertThatThrownBy(() -> load(options()))
                .hasMessage("strata.toml: environment variable DATABASE_URL is not set (used by [environments.prod]"
                        + " url); set it or change the setting");
        assertThatThrownBy(() -> load(options().withDatabaseOptional(true)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("strata.toml: environment variable DATABASE_URL is not set (used by [environments.prod]"
                        + " url); set it, or set target = \"postgres\" (or \"sqlite\", \"d1\") in [migrations] to"
                        + " lint without the database");

        Files.writeString(project.resolve("strata.toml"), "[migrations]\ntarget = \"postgres\"\n", APPEND);
        StrataConfig config = load(options().withDatabaseOptional(true));

        assertThat(config.urlConfigured()).isFalse();
        assertThat(config.urlSetAside()).isTrue();
        assertThat(config.whyDefaultDatabase()).isEqualTo("DATABASE_URL is not set (used by [environments.prod] url)");
        assertThat(config.environment()).contains("prod");
        assertThat(config.lint().strict())
                .as("the environment's other settings stay")
                .isTrue();
        assertThatThrownBy(() -> load(options())).hasMessageContaining("DATABASE_URL is not set");

        env.put("DATABASE_URL", " ");
        assertThat(load(options().withDatabaseOptional(true)).urlSetAside())
                .as("set to nothing, as a CI job without the secret leaves it")
                .isTrue();
        env.put("DATABASE_URL", "postgres://app@db.example.com/app");
        assertThat(load(options().withDatabaseOptional(true)).urlSetAside()).isFalse();
    }

    @Test
    void badLintValuesAndTargetsAreConfigurationErrors() throws IOException {
        toml("[lint]\ndrop-table = \"fatal\"\n");
        assertThatThrownBy(() -> load(options()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("strata.toml: [lint] drop-table = \"fatal\" is not one of: error, warning, info, off");
        toml("[lint]\ndrop-table = false\n");
        assertThatThrownBy(() -> load(options())).hasMessageContaining("[lint] drop-table must be a string");
        toml("[migrations]\ntarget = \"mysql\"\n");
        assertThatThrownBy(() -> load(options()))
                .hasMessageContaining("[migrations] target = \"mysql\" is not one of: sqlite, d1, postgres");
        toml("[environments.prod]\nurl = \"sqlite:p.db\"\nlint = \"loose\"\n");
        assertThatThrownBy(() -> load(options().withEnvironment("prod")))
                .hasMessageContaining("[environments.prod] lint = \"loose\" is not one of: default, strict");
    }

    @Test
    void syntaxErrorGivesLineAndColumn() throws IOException {
        toml("environment = \"dev\"\n[environments.dev]\nurl = \n");
        assertThatThrownBy(() -> load(options()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("strata.toml:3:")
                .hasMessageNotContaining("jackson")
                .hasMessageNotContaining("Exception")
                .hasMessageNotContaining("Source:");
    }

    @Test
    void syntaxErrorNeverQuotesThePassword() throws IOException {
        toml("[environments.prod]\nurl = \"postgres://app:hunter2@db/app\" junk hunter2\n");
        assertThatThrownBy(() -> load(options()))
                .hasMessageStartingWith("strata.toml:2:")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void wrongTypesNameKeyAndExpectedType() throws IOException {
        toml("[migrations]\ndir = 5\n");
        assertThatThrownBy(() -> load(options()))
                .hasMessageContaining("strata.toml: [migrations] dir must be a string")
                .hasMessageContaining("found a number");
        toml("environment = true\n");
        assertThatThrownBy(() -> load(options()))
                .hasMessageContaining("strata.toml: environment must be a string")
                .hasMessageContaining("found true/false");
        toml("migrations = \"db\"\n");
        assertThatThrownBy(() -> load(options())).hasMessageContaining("[migrations] must be a table");
        toml("[environments]\ndev = \"sqlite:dev.db\"\n");
        assertThatThrownBy(() -> load(options())).hasMessageContaining("[environments.dev] must be a table");
        toml("[environments.dev]\nurl = [\"a\"]\n");
        assertThatThrownBy(() -> load(options()))
                .hasMessageContaining("[environments.dev] url must be a string")
                .hasMessageContaining("found a list");
    }

    @Test
    void emptyMigrationsDirIsRejected() throws IOException {
        toml("[migrations]\ndir = \"\"\n");
        assertThatThrownBy(() -> load(options())).hasMessageContaining("[migrations] dir is empty");
    }

    @Test
    void fileWithBomAndNonUtf8() throws IOException {
        toml("\uFEFF[migrations]\ndir = \"m\"\n");
        assertThat(load(options()).migrationsDir()).isEqualTo(sqlite("m"));
        Files.write(project.resolve("strata.toml"), new byte[] {'#', (byte) 0xFF, '\n'});
        assertThatThrownBy(() -> load(options())).hasMessageContaining("strata.toml: not valid UTF-8");
    }

    @Test
    void noPasswordInAnyMessage() throws IOException {
        String password = "Sup3rS3cret";
        // In the URL option, malformed in several ways.
        for (String url : List.of(
                "postgres://app:" + password + "@db:x/app",
                "postgres://app:" + password + "@db",
                "mysql://app:" + password + "@db/app",
                "jdbc:postgresql://db/?password=" + password)) {
            assertThatThrownBy(() -> load(options().withUrl(url))).hasMessageNotContaining(password);
        }
        // Written into strata.toml.
        toml("environment = \"prod\"\n[environments.prod]\nurl = \"postgres://app:" + password + "@db:0/app\"\n");
        assertThatThrownBy(() -> load(options())).hasMessageNotContaining(password);
        // Through a variable.
        toml("environment = \"prod\"\n[environments.prod]\nurl = \"postgres://app:${env.PW}@/app\"\n");
        env.put("PW", password);
        assertThatThrownBy(() -> load(options())).hasMessageNotContaining(password);
        // And toString of a good result.
        toml("environment = \"prod\"\n[environments.prod]\nurl = \"postgres://app:${env.PW}@db/app\"\n");
        assertThat(load(options()).toString()).doesNotContain(password);
    }
}
