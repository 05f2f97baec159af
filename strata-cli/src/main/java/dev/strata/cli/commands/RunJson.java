package dev.strata.cli.commands;

import dev.strata.history.AppliedMigration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The parts the {@code --json} documents of the commands that change a database share. */
final class RunJson {

    private RunJson() {}

    /** A history row: {@code {"version","name","applied_at","execution_ms"}}. */
    static Map<String, Object> row(AppliedMigration row) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("version", row.version().text());
        item.put("name", row.name());
        item.put("applied_at", row.appliedAt().toString());
        item.put("execution_ms", row.executionMs());
        return item;
    }

    static List<Map<String, Object>> rows(List<AppliedMigration> rows) {
        return rows.stream().map(RunJson::row).toList();
    }

    /** Milliseconds since {@code startNanos} (a {@link System#nanoTime()}): the command's whole run. */
    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
