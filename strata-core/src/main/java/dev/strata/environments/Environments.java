package dev.strata.environments;

import dev.strata.config.ConfigLoader;
import dev.strata.config.ConfigOptions;
import dev.strata.config.ConfigurationException;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.DatabaseException;
import dev.strata.engine.MigrationListener;
import dev.strata.engine.MigrationState;
import dev.strata.engine.MigrationStatus;
import dev.strata.engine.Migrator;
import dev.strata.engine.StatusReport;
import dev.strata.source.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The environments of one project's strata.toml, each loadable on its own.
 *
 * <p>Each environment is configured and read independently: an environment whose variable is not
 * set or whose server is down is reported as unreachable, with the reason, and the others are still
 * read. Immutable; every call opens and closes its own sessions.
 */
public final class Environments {

    private final ConfigOptions options;
    private final List<String> names;
    /** Told when reading an environment's database waits for another process's lock. */
    private final MigrationListener listener;

    private Environments(ConfigOptions options, List<String> names, MigrationListener listener) {
        this.options = options;
        this.names = List.copyOf(names);
        this.listener = listener;
    }

    /**
     * Reads and checks the project's strata.toml. Any {@code --url} or {@code --env} in
     * {@code options} is dropped: each environment names its own database.
     *
     * @throws ConfigurationException when there is no strata.toml, no environment, or a wrong setting
     */
    public static Environments of(ConfigOptions options) {
        return of(options, MigrationListener.SILENT);
    }

    /** The same, telling {@code listener} when a database makes it wait for another process's lock. */
    public static Environments of(ConfigOptions options, MigrationListener listener) {
        ConfigOptions neutral = options.withUrl(null).withEnvironment(null);
        return new Environments(neutral, ConfigLoader.environmentNames(neutral), listener);
    }

    /** The names, in strata.toml order. */
    public List<String> names() {
        return names;
    }

    /**
     * The configuration of one environment.
     *
     * @throws ConfigurationException when it is not defined or its settings can't be resolved
     */
    public StrataConfig config(String name) {
        return ConfigLoader.load(options.withEnvironment(name));
    }

    /** The state of every migration on every environment; reads only. */
    public EnvironmentMatrix status() {
        List<EnvironmentColumn> columns = new ArrayList<>();
        Map<String, StatusReport> reports = new LinkedHashMap<>();
        for (String name : names) {
            StrataConfig config;
            try {
                config = config(name);
            } catch (ConfigurationException e) {
                columns.add(
                        new EnvironmentColumn(name, Optional.empty(), Optional.empty(), Optional.of(e.getMessage())));
                continue;
            }
            try {
                StatusReport report = new Migrator(config, listener).status();
                reports.put(name, report);
                columns.add(new EnvironmentColumn(
                        name, Optional.of(config.url()), Optional.of(report.database()), Optional.empty()));
            } catch (DatabaseException e) {
                columns.add(new EnvironmentColumn(
                        name,
                        Optional.of(config.url()),
                        Optional.of(config.url().display()),
                        Optional.of(e.getMessage())));
            }
        }
        return new EnvironmentMatrix(columns, rows(reports));
    }

    /** One row per version number, the file's spelling preferred, states in environment order. */
    private static List<MatrixRow> rows(Map<String, StatusReport> reports) {
        // Keyed by version order, in which 0001 and 1 are one version.
        Map<Version, MigrationStatus> first = new TreeMap<>();
        Map<Version, Map<String, MigrationState>> states = new TreeMap<>();
        for (Map.Entry<String, StatusReport> entry : reports.entrySet()) {
            for (MigrationStatus row : entry.getValue().migrations()) {
                Version number = row.version();
                first.merge(
                        number,
                        row,
                        (kept, other) -> kept.file().isEmpty() && other.file().isPresent() ? other : kept);
                states.computeIfAbsent(number, n -> new LinkedHashMap<>()).put(entry.getKey(), row.state());
            }
        }
        List<MatrixRow> rows = new ArrayList<>(first.size());
        for (Map.Entry<Version, MigrationStatus> entry : first.entrySet()) {
            MigrationStatus row = entry.getValue();
            Map<String, MigrationState> byEnvironment = new LinkedHashMap<>();
            for (String environment : reports.keySet()) {
                // Absent: a version only another environment's history knows, whose file is gone.
                Optional.ofNullable(states.get(entry.getKey()).get(environment))
                        .ifPresent(state -> byEnvironment.put(environment, state));
            }
            rows.add(new MatrixRow(row.version(), row.name(), row.file(), byEnvironment));
        }
        return rows;
    }
}
