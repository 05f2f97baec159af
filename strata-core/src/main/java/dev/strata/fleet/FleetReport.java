package dev.strata.fleet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state of a whole fleet after (or during) a run: one result per target, in the fleet file's
 * order. The summary file and {@code --json} both hold {@link #document()}.
 *
 * @param command  the command that ran on each target
 * @param fleet    the fleet file as named to people
 * @param summary  where the summary file is
 * @param results  one per target of the fleet; with {@code --retry-failed}, those that succeeded
 *                 before keep their earlier result
 * @param ran      how many targets this run started (zero when a retry found nothing to do)
 */
public record FleetReport(String command, String fleet, Path summary, List<TargetResult> results, int ran) {

    public FleetReport {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(summary, "summary");
        results = List.copyOf(results);
    }

    /** True when every target's result is ok. */
    public boolean ok() {
        return results.stream().allMatch(TargetResult::ok);
    }

    public long count(TargetResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** The summary as JSON-ready maps, snake_case keys, times in ISO-8601 UTC. */
    public Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("command", command);
        document.put("fleet", fleet);
        document.put("ok", ok());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (TargetResult.Outcome outcome : TargetResult.Outcome.values()) {
            counts.put(FleetSummary.key(outcome), count(outcome));
        }
        document.put("counts", counts);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (TargetResult result : results) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("target", result.target());
            item.put("outcome", FleetSummary.key(result.outcome()));
            item.put("applied", result.applied().isPresent() ? result.applied().getAsInt() : null);
            item.put("pending", result.pending().isPresent() ? result.pending().getAsInt() : null);
            item.put("failed", result.failed().isPresent() ? result.failed().getAsInt() : null);
            item.put("started_at", result.started().map(Object::toString).orElse(null));
            item.put("finished_at", result.finished().map(Object::toString).orElse(null));
            item.put(
                    "duration_ms",
                    result.started().isPresent() ? result.duration().toMillis() : null);
            item.put("message", result.message().orElse(null));
            targets.add(item);
        }
        document.put("targets", targets);
        return document;
    }
}
