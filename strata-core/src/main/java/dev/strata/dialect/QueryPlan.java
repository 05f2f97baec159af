package dev.strata.dialect;

import dev.strata.schema.QualifiedName;
import java.util.List;
import java.util.Objects;

/**
 * What the engine would do to run one statement.
 *
 * @param lines      the plan as the engine prints it, one step a line, indented by depth
 * @param fullScans  every table the plan reads from end to end without an index, in plan order
 */
public record QueryPlan(List<String> lines, List<FullScan> fullScans) {

    public QueryPlan {
        lines = List.copyOf(lines);
        fullScans = List.copyOf(fullScans);
    }

    /**
     * One full table scan in a plan.
     *
     * @param table the scanned table
     * @param alias the name the query gives it ({@code o} in {@code FROM orders o}), or null
     */
    public record FullScan(QualifiedName table, String alias) {
        public FullScan {
            Objects.requireNonNull(table, "table");
        }
    }
}
