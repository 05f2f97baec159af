package dev.strata.bench;

import java.util.List;
import java.util.Map;

/** The registry of workloads, by the name {@code --workloads} uses. */
final class Workloads {

    /**
     * Measurements the issue asks for that other parts of strata have to exist for first. They are
     * listed in every results file as not measured, so a reader sees the gap; each becomes a
     * {@link Workload} registered in {@link #byId} when its command exists.
     */
    static final Map<String, String> NOT_YET_MEASURED = Map.of(
            "lint", "lint of 1,000 files (strata lint exists; its workload is still to be written)",
            "rebuild", "10-million-row table rebuild against the sqlite3 shell (bench/alter-rebuild measures it"
                    + " on its own for now)");

    private Workloads() {}

    static Workload byId(String id) {
        return switch (id) {
            case "migrate" -> new MigrateWorkload();
            case "history" -> new HistoryReadWorkload();
            case "process" -> new ProcessWorkload();
            default -> throw new IllegalArgumentException("unknown workload " + id + "; known: "
                    + String.join(", ", List.of("migrate", "history", "process"))
                    + (NOT_YET_MEASURED.containsKey(id) ? " (" + NOT_YET_MEASURED.get(id) + ")" : ""));
        };
    }
}
