package dev.strata.verify;

import dev.strata.dialect.Database;
import dev.strata.lint.LintSource;
import dev.strata.lint.LintTarget;
import dev.strata.lint.RowsHere;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.shadow.ShadowDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Counts, for each pending migration, the rows of the tables it may delete rows from, as they will
 * stand on the database being migrated when that migration starts: the rows the database holds now,
 * plus the rows the pending migrations before it insert. The shadow database, which runs the whole
 * folder from the start, knows the second part: what it holds before the migration, less what it
 * held before the first pending one (those rows came from migrations the database has applied, and
 * the database's own count already says what became of them).
 *
 * <p>Only tables a pending migration may empty are counted, each at most {@link RowsHere#COUNT_LIMIT}
 * rows deep. Not thread-safe; lives for one analysis.
 */
final class RowCounts {

    private final Database live;
    private final Schema liveSchema;
    private final LintTarget target;
    private final Map<String, Long> liveRows = new HashMap<>();
    private Map<String, Long> beforePending;

    RowCounts(Database live, LintTarget target) {
        this.live = live;
        this.liveSchema = live.schema();
        this.target = target;
    }

    /**
     * The rows where {@code source} starts; call it just before the shadow runs that migration.
     *
     * @param pendingFromHere the sources of this and every later pending migration: at the first
     *                        call their tables are counted as the applied migrations left them
     */
    RowsHere before(LintSource source, ShadowDatabase shadow, Supplier<List<LintSource>> pendingFromHere) {
        if (beforePending == null) {
            beforePending = new HashMap<>();
            for (LintSource pending : pendingFromHere.get()) {
                for (String table : RowsHere.tablesAtRisk(pending, target)) {
                    beforePending.computeIfAbsent(
                            table,
                            t -> count(shadow.schema(), t, name -> shadow.countRows(name, RowsHere.COUNT_LIMIT)));
                }
            }
        }
        Map<String, Long> rows = new HashMap<>();
        for (String table : RowsHere.tablesAtRisk(source, target)) {
            long now = liveRows.computeIfAbsent(
                    table,
                    t -> count(liveSchema, t, name -> live.queryPlanner().countRows(name, RowsHere.COUNT_LIMIT)));
            long inserted = count(shadow.schema(), table, name -> shadow.countRows(name, RowsHere.COUNT_LIMIT))
                    - beforePending.getOrDefault(table, 0L);
            rows.put(table, now + Math.max(0, inserted));
        }
        return table -> rows.containsKey(table) ? OptionalLong.of(rows.get(table)) : OptionalLong.empty();
    }

    /**
     * The rows of every table {@code table} may name in {@code schema}: names compare without regard
     * to case, and a name without a schema matches in every schema, so that no spelling can make a
     * full table look empty. None at all when no table has that name.
     */
    private static long count(Schema schema, String table, ToLongFunction<QualifiedName> counter) {
        Optional<String> inSchema = RowsHere.schemaOf(table);
        String name = RowsHere.nameOf(table);
        long rows = 0;
        for (Table candidate : schema.tables()) {
            QualifiedName qualified = candidate.name();
            if (qualified.name().equalsIgnoreCase(name)
                    && inSchema.map(s -> s.equalsIgnoreCase(qualified.schema())).orElse(true)) {
                rows += counter.applyAsLong(qualified);
            }
        }
        return rows;
    }
}
