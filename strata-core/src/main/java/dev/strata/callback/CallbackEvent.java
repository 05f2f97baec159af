package dev.strata.callback;

import java.util.Arrays;
import java.util.Optional;

/**
 * The moments of a {@code migrate} run that callbacks hear about, in the order they happen, each
 * with the name of its SQL file in the {@code callbacks/} folder.
 *
 * <p>The transaction each runs in is part of the contract (documented in the README, "Callbacks"):
 * {@link #BEFORE_EACH} and {@link #AFTER_EACH} run inside each migration's own transaction, so a
 * failure there rolls that migration back; {@link #BEFORE_MIGRATE} and {@link #AFTER_MIGRATE} run
 * in a transaction of their own; {@link #AFTER_MIGRATE_ERROR} runs after the failed migration was
 * rolled back, in a transaction of its own.
 */
public enum CallbackEvent {
    BEFORE_MIGRATE("before-migrate", "beforeMigrate"),
    BEFORE_EACH("before-each", "beforeEach"),
    AFTER_EACH("after-each", "afterEach"),
    AFTER_MIGRATE("after-migrate", "afterMigrate"),
    AFTER_MIGRATE_ERROR("after-migrate-error", "afterMigrateError");

    private final String id;
    private final String method;

    CallbackEvent(String id, String method) {
        this.id = id;
        this.method = method;
    }

    /** {@code before-each}: the name used in files, output and JSON. */
    public String id() {
        return id;
    }

    /** The SQL file that hooks this event, inside the callbacks folder. */
    public String fileName() {
        return id + ".sql";
    }

    /** The {@link Callback} method that hears this event, for messages. */
    public String method() {
        return method;
    }

    /** The event whose SQL file is called {@code fileName}. */
    public static Optional<CallbackEvent> ofFile(String fileName) {
        return Arrays.stream(values())
                .filter(event -> event.fileName().equals(fileName))
                .findFirst();
    }
}
