package dev.strata.callback;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Callback} is told about the moment it is called for.
 *
 * @param event     the moment
 * @param database  the database as named to people, password hidden
 * @param migration the migration about to run or just run ({@code 0002_add_email}), for
 *                  {@link CallbackEvent#BEFORE_EACH} and {@link CallbackEvent#AFTER_EACH} only
 * @param failure   the message of the failure, for {@link CallbackEvent#AFTER_MIGRATE_ERROR} only
 */
public record CallbackContext(
        CallbackEvent event, String database, Optional<String> migration, Optional<String> failure) {

    public CallbackContext {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(failure, "failure");
    }
}
