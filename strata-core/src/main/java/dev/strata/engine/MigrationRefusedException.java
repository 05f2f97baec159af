package dev.strata.engine;

import dev.strata.StrataException;
import java.util.List;

/**
 * strata refused to start a run because something is wrong before any change: a file edited after
 * it was applied, a migration that failed part-way, a missing down script, a file that does not
 * parse. Nothing was changed. Every reason found is listed.
 */
public final class MigrationRefusedException extends StrataException {

    private final List<String> reasons;

    public MigrationRefusedException(String summary, List<String> reasons) {
        super(summary + System.lineSeparator() + "  - " + String.join(System.lineSeparator() + "  - ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
