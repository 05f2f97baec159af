package dev.strata.adopt;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration as another tool recorded it, in the tool's own terms.
 *
 * @param key          what identifies it in that tool: a version, a file name (wrangler), a
 *                     description (Flyway's repeatable migrations), a revision (Alembic)
 * @param match        how {@code key} maps to a file
 * @param description  the tool's description or name, for messages; may be empty
 * @param appliedAt    when it ran, when the tool recorded that
 * @param executionMs  how long it took, when the tool recorded that
 * @param success      false when the tool records it as failed or dirty
 * @param checksum     the tool's own checksum, when it keeps one (Flyway's CRC32, SQLx's SHA-384 hex)
 */
public record ForeignRow(
        String key,
        Match match,
        String description,
        Optional<Instant> appliedAt,
        Optional<Long> executionMs,
        boolean success,
        Optional<String> checksum) {

    /** How a row maps to the migration files. */
    public enum Match {
        /** The file with this version. */
        VERSION,
        /** This version and every version before it (golang-migrate's one row, Flyway's baseline row). */
        UP_TO_VERSION,
        /** The file with this name in the migrations folder (wrangler's d1_migrations). */
        FILE_NAME,
        /** Flyway's repeatable migration with this description. */
        REPEATABLE,
        /** Nothing in the folder can be matched (Alembic's revision ids). */
        NONE
    }

    public ForeignRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(executionMs, "executionMs");
        Objects.requireNonNull(checksum, "checksum");
    }

    /** The row as people know it from the tool: {@code version 3 (add index)}. */
    public String shown() {
        String what = switch (match) {
            case VERSION -> "version " + key;
            case UP_TO_VERSION -> "up to version " + key;
            case FILE_NAME -> key;
            case REPEATABLE -> "repeatable '" + key + "'";
            case NONE -> "revision " + key;
        };
        return description.isEmpty() || match == Match.FILE_NAME || match == Match.REPEATABLE
                ? what
                : what + " (" + description + ")";
    }
}
