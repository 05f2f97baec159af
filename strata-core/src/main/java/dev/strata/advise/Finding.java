package dev.strata.advise;

import java.util.Objects;

/**
 * One piece of index advice.
 *
 * @param id        {@code duplicate-index}, {@code redundant-prefix-index}, {@code fk-without-index},
 *                  {@code unused-index} or {@code write-amplification}
 * @param table     the table, as people read it
 * @param index     the index the advice is about (the one to drop or to create), or null
 * @param message   what was found and why it costs, a finished sentence
 * @param fix       the statement that acts on it, without semicolon, or null when there is none
 * @param undo      the statement that reverts {@code fix}, or null
 * @param automatic true when {@code --write-migration} writes {@code fix}; false for advice that
 *                  needs a person's judgement (statistics can mislead, a table may need its indexes)
 */
public record Finding(
        String id, String table, String index, String message, String fix, String undo, boolean automatic) {

    public static final String DUPLICATE = "duplicate-index";
    public static final String REDUNDANT_PREFIX = "redundant-prefix-index";
    public static final String FK_WITHOUT_INDEX = "fk-without-index";
    public static final String UNUSED = "unused-index";
    public static final String WRITE_AMPLIFICATION = "write-amplification";

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(message, "message");
    }

    /** The same advice, left for a person to act on: {@code --write-migration} skips it. */
    Finding asAdvisory() {
        return new Finding(id, table, index, message, fix, undo, false);
    }
}
