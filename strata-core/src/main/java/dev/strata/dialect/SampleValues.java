package dev.strata.dialect;

import dev.strata.schema.Column;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * Made-up values for generated rows ({@code strata bench-insert}), chosen by the column's declared
 * type: row {@code n} gets values derived from {@code n}, so that unique columns stay unique and two
 * runs insert the same rows. SQLite's type affinity and PostgreSQL's type names share the words
 * looked for here (INT, CHAR, REAL, ...); whatever matches none gets short text.
 */
public final class SampleValues {

    private static final LocalDate EPOCH = LocalDate.of(2020, 1, 1);

    private SampleValues() {}

    /** The kinds of value a column can take, as far as generated rows care. */
    public enum Kind {
        INTEGER,
        SMALL_INTEGER,
        BOOLEAN,
        DECIMAL,
        DATE,
        TIMESTAMP,
        TIME,
        UUID,
        JSON,
        BINARY,
        ARRAY,
        INTERVAL,
        TEXT
    }

    /** Whether a generated row supplies this column: not for computed columns, nor GENERATED ALWAYS identities. */
    public static boolean supplied(Column column) {
        return column.generated() == null && !"ALWAYS".equalsIgnoreCase(column.identity());
    }

    public static Kind kind(Column column) {
        String type = column.type().toUpperCase(Locale.ROOT);
        if (type.endsWith("]")) {
            return Kind.ARRAY;
        }
        if (type.contains("INTERVAL")) {
            return Kind.INTERVAL;
        }
        if (type.contains("SMALLINT") || type.contains("INT2") || type.contains("TINYINT")) {
            return Kind.SMALL_INTEGER;
        }
        if (type.contains("INT") || type.contains("SERIAL")) {
            return Kind.INTEGER;
        }
        if (type.contains("BOOL")) {
            return Kind.BOOLEAN;
        }
        if (type.contains("REAL")
                || type.contains("FLOA")
                || type.contains("DOUB")
                || type.contains("NUMERIC")
                || type.contains("DECIMAL")
                || type.contains("MONEY")) {
            return Kind.DECIMAL;
        }
        if (type.contains("TIMESTAMP") || type.contains("DATETIME")) {
            return Kind.TIMESTAMP;
        }
        if (type.contains("DATE")) {
            return Kind.DATE;
        }
        if (type.startsWith("TIME")) {
            return Kind.TIME;
        }
        if (type.contains("UUID")) {
            return Kind.UUID;
        }
        if (type.contains("JSON")) {
            return Kind.JSON;
        }
        if (type.contains("BLOB") || type.contains("BYTEA")) {
            return Kind.BINARY;
        }
        return Kind.TEXT;
    }

    /** Row {@code n}'s value for {@code column}, as a Java value JDBC binds as is. */
    public static Object value(Column column, long n) {
        return switch (kind(column)) {
            case INTEGER -> n;
            case SMALL_INTEGER -> n % 100;
            case BOOLEAN -> n % 2 == 0;
            case DECIMAL -> (n % 100_000) + 0.25;
            case DATE -> EPOCH.plusDays(n % 36_500).toString();
            case TIMESTAMP -> EPOCH.atStartOfDay().plusSeconds(n).toString().replace('T', ' ');
            case TIME ->
                LocalDateTime.of(EPOCH, java.time.LocalTime.MIDNIGHT)
                        .plusSeconds(n % 86_400)
                        .toLocalTime()
                        .toString();
            case UUID ->
                UUID.nameUUIDFromBytes(("strata-" + n).getBytes(StandardCharsets.UTF_8))
                        .toString();
            case JSON -> "{\"n\": " + n + "}";
            case BINARY -> Long.toString(n, 16).getBytes(StandardCharsets.US_ASCII);
            case ARRAY -> "{}";
            case INTERVAL -> (n % 3600) + " seconds";
            case TEXT -> "v" + Long.toString(n, 36);
        };
    }

    /** Row {@code n}'s value as text the engine casts to the column's type (PostgreSQL's input syntax). */
    public static String text(Column column, long n) {
        Object value = value(column, n);
        if (value instanceof byte[] bytes) {
            return "\\x" + java.util.HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }
}
