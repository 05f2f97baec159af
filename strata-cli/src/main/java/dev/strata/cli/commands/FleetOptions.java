package dev.strata.cli.commands;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of a command run on a whole fleet: {@code --fleet FILE} and how the fleet runs. */
public final class FleetOptions {

    @Option(
            names = "--fleet",
            paramLabel = "FILE",
            description = "Run on every database FILE lists instead of one: [[target]] tables with url ="
                    + " \"sqlite:a.db\", env = \"staging\" (strata.toml), sqlite = \"tenants/*.db\" (a glob), or a"
                    + " postgres url or env with schema = \"tenant_*\" (one target per matching schema)."
                    + " E.g. --fleet fleet.toml")
    Path file;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "With --fleet: run N targets at a time (default: the number of cores). E.g. --parallel 8;"
                    + " --parallel 1 runs them one after another.")
    Integer parallel;

    @Option(
            names = "--fail-fast",
            description = "With --fleet: after the first failed target start no other (running ones finish);"
                    + " by default every target runs whatever the others do.")
    boolean failFast;

    @Option(
            names = "--retry-failed",
            description = "With --fleet: run only the targets the last run's summary does not record as ok"
                    + " (failed, not run, or not finished when that run was killed).")
    boolean retryFailed;

    @Option(
            names = "--summary",
            paramLabel = "FILE",
            description = "With --fleet: where the run's summary is written as targets finish, and where"
                    + " --retry-failed reads it (default: strata-fleet-last.json next to the fleet file).")
    Path summary;

    /** Whether the command runs on a fleet. */
    boolean present() {
        return file != null;
    }

    /** The fleet-only options given without --fleet, to refuse them by name; empty when there are none. */
    java.util.Optional<String> strayOption() {
        if (parallel != null) {
            return java.util.Optional.of("--parallel");
        }
        if (failFast) {
            return java.util.Optional.of("--fail-fast");
        }
        if (retryFailed) {
            return java.util.Optional.of("--retry-failed");
        }
        return summary != null ? java.util.Optional.of("--summary") : java.util.Optional.empty();
    }
}
