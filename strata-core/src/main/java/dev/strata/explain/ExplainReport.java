package dev.strata.explain;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@code strata explain}: every query of the file with its plan.
 *
 * @param database     the database as named to people, password hidden
 * @param file         the file as shown in messages
 * @param maxScanRows  a full scan of a table with more rows than this is a finding
 * @param queries      the queries, in file order
 * @param skipped      statements that are not queries (DDL, PRAGMA, ...), as {@code file:line: first line}
 */
public record ExplainReport(
        String database, String file, long maxScanRows, List<ExplainedQuery> queries, List<String> skipped) {

    public ExplainReport {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(file, "file");
        queries = List.copyOf(queries);
        skipped = List.copyOf(skipped);
    }

    /** True when no query scans a table above the limit and every query could be planned. */
    public boolean ok() {
        return queries.stream().noneMatch(ExplainedQuery::hasFinding);
    }

    public long findings() {
        return queries.stream().filter(ExplainedQuery::hasFinding).count();
    }
}
