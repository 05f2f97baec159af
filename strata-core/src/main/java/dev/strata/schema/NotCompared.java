package dev.strata.schema;

import java.util.Objects;

/**
 * An object the database holds that the model does not describe (a PostgreSQL event trigger, rule,
 * publication, foreign table, ...): {@code dump} does not write it and {@code drift} and {@code check}
 * can't compare it, so each of them lists it instead of passing over it in silence.
 *
 * @param kind what sort of object, in words: {@code event trigger}, {@code rule}
 * @param name its name as people read it, with its table where it belongs to one ({@code r on t})
 */
public record NotCompared(String kind, String name) {

    public NotCompared {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** {@code event trigger log_ddl}. */
    public String describe() {
        return kind + " " + name;
    }
}
