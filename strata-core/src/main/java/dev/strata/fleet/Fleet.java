package dev.strata.fleet;

import dev.strata.config.ConfigOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Many databases in one command: the targets a fleet file lists (URLs, environments of
 * strata.toml, globs of SQLite files, the PostgreSQL schemas of a database that match a pattern),
 * each run with the same settings and migrations, in parallel, each with its own result.
 *
 * <pre>{@code
 * Fleet fleet = Strata.configure().projectDir(dir).fleet(Path.of("fleet.toml"));
 * FleetReport report = fleet.run(FleetCommand.migrate(MigrateOptions.defaults(), Confirmation.NOBODY_TO_ASK),
 *         FleetRunOptions.defaults(), FleetListener.SILENT);
 * }</pre>
 *
 * <p>Loading finds and checks every target before anything runs. Each run writes its summary file
 * as targets finish ({@link FleetSummary}), which {@code retryFailed} reads back. Immutable; a run
 * opens and closes its own sessions.
 */
public final class Fleet {

    /** The summary's file name, next to the fleet file unless another is named. */
    public static final String SUMMARY_FILE = "strata-fleet-last.json";

    private final Path file;
    private final String shown;
    private final Path projectDir;
    private final List<FleetTarget> targets;
    private final TargetLoader loader;

    private Fleet(Path file, String shown, Path projectDir, List<FleetTarget> targets, TargetLoader loader) {
        this.file = file;
        this.shown = shown;
        this.projectDir = projectDir;
        this.targets = List.copyOf(targets);
        this.loader = loader;
    }

    /**
     * Reads the fleet file and finds every target.
     *
     * @param file    the fleet file, relative to the project folder unless absolute
     * @param options the settings every target shares (its URL and environment are not used)
     * @param loader  builds each target's {@code Strata}
     * @throws dev.strata.config.ConfigurationException naming {@code FILE:LINE} for anything that names no database
     */
    public static Fleet load(Path file, ConfigOptions options, TargetLoader loader) {
        Objects.requireNonNull(loader, "loader");
        Path projectDir = options.projectDir().toAbsolutePath().normalize();
        Path absolute = projectDir.resolve(file).normalize();
        String shown = shown(projectDir, absolute);
        List<FleetTarget> targets = FleetTargets.expand(FleetFile.read(absolute, shown), options);
        return new Fleet(absolute, shown, projectDir, targets, loader);
    }

    private static String shown(Path projectDir, Path file) {
        return (file.startsWith(projectDir) ? projectDir.relativize(file) : file)
                .toString()
                .replace('\\', '/');
    }

    /** The targets, in the fleet file's order (a glob's files and a pattern's schemas sorted by name). */
    public List<FleetTarget> targets() {
        return targets;
    }

    /** The project folder: relative paths of the fleet file and its options are read from here. */
    public Path projectDir() {
        return projectDir;
    }

    /** The fleet file as named to people. */
    public String shown() {
        return shown;
    }

    /** Where a run's summary goes when {@link FleetRunOptions#summary()} names no file. */
    public Path defaultSummary() {
        return file.resolveSibling(SUMMARY_FILE);
    }

    /**
     * Runs {@code command} on the targets: all of them, or with {@code retryFailed} those the last
     * summary does not record as ok (failed, not run, or not finished when the process died).
     *
     * @return every target's result; exit status is for the caller to derive ({@link FleetReport#ok()})
     * @throws dev.strata.config.ConfigurationException with {@code retryFailed}, when there is no
     *                                                  summary of the same command
     * @throws FleetException when the summary can't be written
     */
    public FleetReport run(FleetCommand command, FleetRunOptions options, FleetListener listener) {
        Path summaryFile = options.summary()
                .map(path -> projectDir.resolve(path).normalize())
                .orElseGet(this::defaultSummary);
        List<TargetResult> initial = new ArrayList<>();
        List<FleetTarget> toRun = new ArrayList<>();
        Map<String, TargetResult> previous = options.retryFailed()
                ? FleetSummary.read(summaryFile, shown(projectDir, summaryFile), command.name())
                : Map.of();
        for (FleetTarget target : targets) {
            TargetResult earlier = previous.get(target.name());
            if (earlier != null && earlier.ok()) {
                initial.add(earlier);
            } else {
                initial.add(
                        TargetResult.notRun(target.name(), "not finished: the run stopped before this target ended"));
                toRun.add(target);
            }
        }
        FleetSummary summary = new FleetSummary(summaryFile, command.name(), shown, initial);
        summary.write();
        new FleetRunner(command, loader, listener, summary, options).run(toRun);
        return summary.report(toRun.size());
    }
}
