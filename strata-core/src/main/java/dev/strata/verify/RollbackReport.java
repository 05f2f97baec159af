package dev.strata.verify;

import java.util.List;

/**
 * What {@code strata test} proved.
 *
 * @param shadow  the shadow database it ran on, as named to people
 * @param results one per migration, in version order
 */
public record RollbackReport(String shadow, List<RollbackResult> results) {

    public RollbackReport {
        results = List.copyOf(results);
    }

    /** No down script failed (migrations without one don't count against it). */
    public boolean ok() {
        return results.stream()
                .noneMatch(
                        r -> r.status() == RollbackResult.Status.FAILED || r.status() == RollbackResult.Status.NOT_RUN);
    }

    public long count(RollbackResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
