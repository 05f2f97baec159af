package dev.strata.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * What the caller states explicitly, above anything strata.toml or the environment say: command-line
 * options for the CLI, arguments for API users. Built with {@link #in(Path)} and the {@code with}
 * methods; each {@code with} method accepts {@code null} as "not given", which suits optional
 * command-line options.
 *
 * @param projectDir     the project folder ({@code -C DIR}); strata.toml is read from here
 * @param url            {@code --url}
 * @param environment    {@code --env}
 * @param migrationsDir  {@code --dir}, relative to {@code projectDir} unless absolute
 * @param historyTable   history table name set by an API user
 * @param schema         history table schema set by an API user
 * @param env            the process environment: {@code System.getenv()}, or a test's own map
 * @param dataSource     the database as an application's DataSource, instead of a URL
 * @param lintGate       how the lint gate in front of migrate judges, above strata.toml
 * @param databaseOptional the command can do without the configured database (lint): when the
 *                       environment's URL needs a variable that is not set and {@code [migrations]
 *                       target} names the engine, strata goes on as if no database were named
 */
public record ConfigOptions(
        Path projectDir,
        Optional<String> url,
        Optional<String> environment,
        Optional<Path> migrationsDir,
        Optional<String> historyTable,
        Optional<String> schema,
        Map<String, String> env,
        Optional<DataSource> dataSource,
        Optional<LintGate> lintGate,
        boolean databaseOptional) {

    public ConfigOptions {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(migrationsDir, "migrationsDir");
        Objects.requireNonNull(historyTable, "historyTable");
        Objects.requireNonNull(schema, "schema");
        env = Map.copyOf(env);
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(lintGate, "lintGate");
    }

    /** Nothing explicit, in the current folder, with the real process environment. */
    public static ConfigOptions defaults() {
        return in(Path.of(""));
    }

    /** Nothing explicit, in {@code projectDir}, with the real process environment. */
    public static ConfigOptions in(Path projectDir) {
        return new ConfigOptions(
                projectDir,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                System.getenv(),
                Optional.empty(),
                Optional.empty(),
                false);
    }

    public ConfigOptions withProjectDir(Path dir) {
        return with(copy -> copy.projectDir = dir);
    }

    public ConfigOptions withUrl(String value) {
        return with(copy -> copy.url = Optional.ofNullable(value));
    }

    public ConfigOptions withEnvironment(String name) {
        return with(copy -> copy.environment = Optional.ofNullable(name));
    }

    public ConfigOptions withMigrationsDir(Path dir) {
        return with(copy -> copy.migrationsDir = Optional.ofNullable(dir));
    }

    public ConfigOptions withHistoryTable(String table) {
        return with(copy -> copy.historyTable = Optional.ofNullable(table));
    }

    public ConfigOptions withSchema(String name) {
        return with(copy -> copy.schema = Optional.ofNullable(name));
    }

    /** The database is the one this DataSource connects to (see {@link DataSourceUrls}). */
    public ConfigOptions withDataSource(DataSource value) {
        return with(copy -> copy.dataSource = Optional.ofNullable(value));
    }

    public ConfigOptions withLintGate(LintGate value) {
        return with(copy -> copy.lintGate = Optional.ofNullable(value));
    }

    public ConfigOptions withEnv(Map<String, String> variables) {
        return with(copy -> copy.env = variables);
    }

    /** For a command that can do without the configured database: see {@code databaseOptional}. */
    public ConfigOptions withDatabaseOptional(boolean value) {
        return with(copy -> copy.databaseOptional = value);
    }

    /** These options with one change: each {@code with} method names only the field it sets. */
    private ConfigOptions with(Consumer<Fields> change) {
        Fields fields = new Fields(this);
        change.accept(fields);
        return fields.options();
    }

    /** A changeable copy of every field, for {@link #with(Consumer)}. */
    private static final class Fields {
        Path projectDir;
        Optional<String> url;
        Optional<String> environment;
        Optional<Path> migrationsDir;
        Optional<String> historyTable;
        Optional<String> schema;
        Map<String, String> env;
        Optional<DataSource> dataSource;
        Optional<LintGate> lintGate;
        boolean databaseOptional;

        Fields(ConfigOptions options) {
            projectDir = options.projectDir;
            url = options.url;
            environment = options.environment;
            migrationsDir = options.migrationsDir;
            historyTable = options.historyTable;
            schema = options.schema;
            env = options.env;
            dataSource = options.dataSource;
            lintGate = options.lintGate;
            databaseOptional = options.databaseOptional;
        }

        ConfigOptions options() {
            return new ConfigOptions(
                    projectDir,
                    url,
                    environment,
                    migrationsDir,
                    historyTable,
                    schema,
                    env,
                    dataSource,
                    lintGate,
                    databaseOptional);
        }
    }
}
