package dev.strata.engine;

import dev.strata.adopt.ForeignHistory;
import dev.strata.callback.CallbackFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of every migration, ordered by version.
 *
 * @param database    the database as named to people, password hidden
 * @param migrations  one row per migration file or history row
 * @param foreign     other tools' histories found on a database strata has not used yet; their
 *                    migrations show as {@link MigrationState#ADOPTABLE}
 * @param callbacks   the SQL callbacks of the migrations folder, in the order of their events
 * @param pairs       the expand/contract pairs of the folder ({@code strata alter --online}) and where
 *                    each stands
 */
public record StatusReport(
        String database,
        List<MigrationStatus> migrations,
        List<ForeignHistory> foreign,
        List<CallbackFile> callbacks,
        List<ExpandContract.PairStatus> pairs) {

    public StatusReport {
        migrations = List.copyOf(migrations);
        foreign = List.copyOf(foreign);
        callbacks = List.copyOf(callbacks);
        pairs = List.copyOf(pairs);
    }

    public StatusReport(
            String database,
            List<MigrationStatus> migrations,
            List<ForeignHistory> foreign,
            List<CallbackFile> callbacks) {
        this(database, migrations, foreign, callbacks, List.of());
    }

    public StatusReport(String database, List<MigrationStatus> migrations, List<ForeignHistory> foreign) {
        this(database, migrations, foreign, List.of());
    }

    public StatusReport(String database, List<MigrationStatus> migrations) {
        this(database, migrations, List.of());
    }

    /**
     * The report as {@code status --json} writes it: maps and lists in a fixed key order, ready for
     * any JSON writer (the command line's, an application's).
     */
    public Map<String, Object> document() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MigrationStatus row : migrations) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("version", row.version().text());
            item.put("name", row.name());
            item.put("state", row.state().label());
            item.put("file", row.file().orElse(null));
            item.put("applied_at", row.appliedAt().map(Object::toString).orElse(null));
            item.put("execution_ms", row.executionMs().orElse(null));
            item.put("out_of_order", row.outOfOrder());
            rows.add(item);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("database", database);
        document.put("migrations", rows);
        if (!foreign.isEmpty()) {
            List<Map<String, Object>> histories = new ArrayList<>();
            for (ForeignHistory other : foreign) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("tool", other.tool().id());
                item.put("table", other.table());
                item.put("rows", other.rows().size());
                histories.add(item);
            }
            document.put("adoptable", histories);
        }
        if (!callbacks.isEmpty()) {
            List<Map<String, Object>> files = new ArrayList<>();
            for (CallbackFile callback : callbacks) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("event", callback.event().id());
                item.put("file", callback.source());
                files.add(item);
            }
            document.put("callbacks", files);
        }
        if (!pairs.isEmpty()) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (ExpandContract.PairStatus status : pairs) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("expand", status.pair().expand().text());
                item.put("contract", status.pair().contract().version().text());
                item.put("name", status.pair().contract().name());
                item.put("state", status.state().label());
                items.add(item);
            }
            document.put("expand_contract", items);
        }
        return document;
    }

    /** The pairs whose expand is applied and whose contract is not: both columns are live. */
    public List<ExpandContract.PairStatus> expanded() {
        return pairs.stream()
                .filter(p -> p.state() == ExpandContract.PairState.EXPANDED)
                .toList();
    }

    public long count(MigrationState state) {
        return migrations.stream().filter(m -> m.state() == state).count();
    }
}
