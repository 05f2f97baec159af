package dev.strata.advise;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@code strata bench-insert}: insert throughput on a copy of one table's schema, with
 * its indexes and without some of them.
 *
 * @param database          the database the table's schema was read from, as named to people
 * @param copiedTo          the throwaway database the copy was made in
 * @param table             the table, as people read it
 * @param rows              rows inserted per run
 * @param runs              runs of each variant, alternated; the medians are reported
 * @param indexes           the table's indexes (as CREATE INDEX made them)
 * @param without           the indexes left out of the second variant
 * @param rowsPerSecond     median throughput with every index
 * @param rowsPerSecondWithout median throughput without {@code without}
 * @param notes             what the copy leaves out, for the reader
 */
public record InsertBenchReport(
        String database,
        String copiedTo,
        String table,
        int rows,
        int runs,
        List<String> indexes,
        List<String> without,
        double rowsPerSecond,
        double rowsPerSecondWithout,
        List<String> notes) {

    public InsertBenchReport {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        indexes = List.copyOf(indexes);
        without = List.copyOf(without);
        notes = List.copyOf(notes);
    }

    /** How much faster inserts are without the named indexes, in percent (negative when slower). */
    public double differencePercent() {
        return (rowsPerSecondWithout - rowsPerSecond) / rowsPerSecond * 100;
    }
}
