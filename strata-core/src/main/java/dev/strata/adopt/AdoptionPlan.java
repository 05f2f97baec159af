package dev.strata.adopt;

import dev.strata.source.Migration;
import java.util.List;
import java.util.Optional;

/**
 * How another tool's history maps onto the migrations folder.
 *
 * @param history    the history read
 * @param matched    each file the tool applied, with the row that says so
 * @param unmatched  what the tool recorded that no file stands for, each with the reason
 * @param failed     rows the tool records as failed or dirty: adopting over them would hide a half-done change
 */
public record AdoptionPlan(ForeignHistory history, List<Matched> matched, List<String> unmatched, List<String> failed) {

    public AdoptionPlan {
        matched = List.copyOf(matched);
        unmatched = List.copyOf(unmatched);
        failed = List.copyOf(failed);
    }

    /**
     * A file the other tool applied.
     *
     * @param warning  set when the file differs from what the tool ran (its checksum says so)
     */
    public record Matched(Migration file, ForeignRow row, Optional<String> warning) {}
}
