package dev.strata.bench;

import java.util.List;

/** The registry of workloads, by the name {@code --workloads} uses. */
final class Workloads {

    static final List<String> KNOWN = List.of(
            "migrate",
            "migrate-disk",
            "history",
            "process",
            "lint",
            "rebuild",
            "d1",
            "junit",
            "startup",
            "backfill",
            "shadow-dump",
            ShadowCheckWorkload.NAME,
            SchemaGrowthWorkload.NAME);

    private Workloads() {}

    static Workload byId(String id) {
        return switch (id) {
            case "migrate" -> new MigrateWorkload();
            case "migrate-disk" -> new DiskMigrateWorkload();
            case "history" -> new HistoryReadWorkload();
            case "process" -> new ProcessWorkload();
            case "lint" -> new LintWorkload();
            case "rebuild" -> new RebuildWorkload();
            case "d1" -> new D1Workload();
            case "junit" -> new FreshDatabaseWorkload();
            case "startup" -> new StartupWorkload();
            case "backfill" -> new BackfillWorkload();
            case SchemaGrowthWorkload.NAME -> new SchemaGrowthWorkload();
            case "shadow-dump" -> new ShadowDumpWorkload();
            case ShadowCheckWorkload.NAME -> new ShadowCheckWorkload();
            default ->
                throw new IllegalArgumentException("unknown workload " + id + "; known: " + String.join(", ", KNOWN));
        };
    }
}
