package dev.strata.source;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's file names: {@code V1__name.sql} (versioned), {@code U1__name.sql} (its undo script) and
 * {@code R__name.sql} (repeatable). Flyway writes version parts with {@code .} or {@code _}
 * ({@code V1_1__x.sql} is version 1.1); the version is kept with dots, as Flyway records it.
 */
final class FlywayNames {

    private static final Pattern VERSIONED = Pattern.compile("([VU])([0-9]+(?:[._][0-9]+)*)__(.*)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    /** What makes a name look like Flyway's, even when it is malformed. */
    private static final Pattern LOOKS_LIKE = Pattern.compile("[VUR][0-9._]*__.*\\.sql");

    private FlywayNames() {}

    /** A parsed Flyway file name. */
    record Name(Kind kind, Version version, String description) {}

    enum Kind {
        VERSIONED,
        UNDO,
        REPEATABLE
    }

    /** Whether {@code fileName} follows Flyway's naming (prefix, version, double underscore). */
    static boolean looksLikeFlyway(String fileName) {
        return LOOKS_LIKE.matcher(fileName).matches();
    }

    static Optional<Name> parse(String fileName) {
        Matcher repeatable = REPEATABLE.matcher(fileName);
        if (repeatable.matches()) {
            return Optional.of(new Name(Kind.REPEATABLE, Version.repeatable(repeatable.group(1)), repeatable.group(1)));
        }
        Matcher versioned = VERSIONED.matcher(fileName);
        if (!versioned.matches()) {
            return Optional.empty();
        }
        Kind kind = versioned.group(1).equals("V") ? Kind.VERSIONED : Kind.UNDO;
        return Optional.of(new Name(kind, Version.parse(versioned.group(2).replace('_', '.')), versioned.group(3)));
    }
}
