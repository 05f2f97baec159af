package dev.strata.runlog;

import java.util.Objects;

/**
 * One migration a run touched, as the run log keeps it.
 *
 * @param version   the version as written in the file name
 * @param name      the descriptive part of the file name
 * @param checksum  the checksum of the script that ran (or was recorded)
 * @param ms        how long its statements took; 0 when nothing ran (baseline, adopt, repair)
 * @param outcome   {@code applied}, {@code reverted}, {@code recorded}, {@code cleared} or {@code failed}
 */
public record RunStep(String version, String name, String checksum, long ms, String outcome) {

    public static final String APPLIED = "applied";
    public static final String REVERTED = "reverted";
    public static final String RECORDED = "recorded";
    public static final String CLEARED = "cleared";
    public static final String FAILED = "failed";

    public RunStep {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(outcome, "outcome");
    }
}
