package dev.strata.inspect;

import dev.strata.schema.NotCompared;
import dev.strata.schema.SchemaChange;
import java.util.List;
import java.util.Objects;

/**
 * A live database against the schema its applied migrations produce on a shadow database.
 *
 * @param database    the database as named to people
 * @param migrations  how many applied migrations were replayed
 * @param differences what differs, read from expected to actual: an ADDED object is extra in the
 *                    database, a REMOVED one is missing from it, an ALTERED one has {@code before}
 *                    as the migrations define it and {@code after} as the database has it
 * @param notes       what makes the replay differ from what ran (edited files, failed migrations)
 * @param notCompared what the database or the migrations hold that the schema model does not
 *                    describe, so drift in it can't be seen
 */
public record DriftReport(
        String database,
        int migrations,
        List<SchemaChange> differences,
        List<String> notes,
        List<NotCompared> notCompared) {

    public DriftReport {
        Objects.requireNonNull(database, "database");
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
        notCompared = List.copyOf(notCompared);
    }

    public boolean drifted() {
        return !differences.isEmpty();
    }

    /** {@code missing}, {@code extra} or {@code changed}. */
    public static String label(SchemaChange difference) {
        return switch (difference.change()) {
            case ADDED -> "extra";
            case REMOVED -> "missing";
            case ALTERED -> "changed";
        };
    }

    /**
     * One difference for people: {@code missing index idx_cctx_status (on zetachain_cctx_log(status))},
     * {@code changed zetachain_cctx_log.amount type: expected REAL, found TEXT}.
     */
    public static String describe(SchemaChange difference) {
        String subject = difference.subject();
        return switch (difference.change()) {
            case ADDED -> "extra " + subject + summary(difference.after());
            case REMOVED -> "missing " + subject + summary(difference.before());
            case ALTERED ->
                "changed " + subject + " " + difference.aspect() + ": expected " + shorten(difference.before())
                        + ", found " + shorten(difference.after());
        };
    }

    private static String summary(String text) {
        return text == null ? "" : " (" + text + ")";
    }

    private static String shorten(String value) {
        String text = String.valueOf(value);
        int newline = text.indexOf('\n');
        return newline < 0 && text.length() <= 80
                ? text
                : "'"
                        + text.substring(0, Math.min(40, newline < 0 ? text.length() : newline))
                                .strip() + " ...'";
    }
}
