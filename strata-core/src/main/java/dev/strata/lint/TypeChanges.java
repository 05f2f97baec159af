package dev.strata.lint;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What changing a column from one declared type to another does to the values in it. Works on
 * declared type names (never on SQL statements), in both engines' spellings.
 */
final class TypeChanges {

    /** Broad families of types; SQLite's affinity rules decide for names they don't list. */
    enum Family {
        INTEGER,
        EXACT,
        FLOAT,
        TEXT,
        BOOLEAN,
        TEMPORAL,
        OTHER
    }

    /** {@code NAME(a,b)}: the base name and up to two modifiers. */
    private static final Pattern TYPE =
            Pattern.compile("\\s*([A-Z0-9_ ]+?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

    private TypeChanges() {}

    static Family family(String type) {
        String base = base(type);
        return switch (base) {
            case "INT",
                    "INTEGER",
                    "BIGINT",
                    "SMALLINT",
                    "TINYINT",
                    "MEDIUMINT",
                    "INT2",
                    "INT4",
                    "INT8",
                    "SERIAL",
                    "BIGSERIAL",
                    "SMALLSERIAL" -> Family.INTEGER;
            case "DECIMAL", "NUMERIC", "MONEY", "NUMBER", "DEC" -> Family.EXACT;
            case "REAL", "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION" -> Family.FLOAT;
            case "TEXT",
                    "VARCHAR",
                    "CHAR",
                    "CHARACTER",
                    "CHARACTER VARYING",
                    "NVARCHAR",
                    "NCHAR",
                    "CLOB",
                    "STRING",
                    "CITEXT",
                    "BPCHAR" -> Family.TEXT;
            case "BOOLEAN", "BOOL" -> Family.BOOLEAN;
            case "DATE",
                    "TIME",
                    "TIMESTAMP",
                    "DATETIME",
                    "TIMESTAMPTZ",
                    "TIMESTAMP WITH TIME ZONE",
                    "TIMESTAMP WITHOUT TIME ZONE",
                    "TIMETZ",
                    "INTERVAL" -> Family.TEMPORAL;
            default -> affinity(base);
        };
    }

    /** SQLite's rules for type names it has never heard of. */
    private static Family affinity(String base) {
        if (base.contains("INT")) {
            return Family.INTEGER;
        }
        if (base.contains("CHAR") || base.contains("CLOB") || base.contains("TEXT")) {
            return Family.TEXT;
        }
        if (base.contains("REAL") || base.contains("FLOA") || base.contains("DOUB")) {
            return Family.FLOAT;
        }
        return Family.OTHER;
    }

    /** Why the change loses information, or empty when every value survives it. */
    static Optional<String> loss(String from, String to) {
        Family before = family(from);
        Family after = family(to);
        if (before == Family.EXACT && after == Family.FLOAT) {
            return Optional.of("exact decimals become binary floating point: 0.1 is stored as"
                    + " 0.1000000000000000055..., sums drift and equality comparisons stop matching");
        }
        if ((before == Family.EXACT || before == Family.FLOAT) && after == Family.INTEGER) {
            return Optional.of("the fractional part of every value is cut off");
        }
        if (before == Family.TEXT && (after == Family.INTEGER || after == Family.EXACT || after == Family.FLOAT)) {
            return Optional.of("text that is not a number becomes 0 under SQLite's CAST (and makes PostgreSQL's"
                    + " conversion fail), and text such as '1,5' or '12 USD' loses everything after the number");
        }
        if (before == Family.EXACT && after == Family.EXACT && scale(from) > scale(to) && scale(to) >= 0) {
            return Optional.of("values are rounded from " + scale(from) + " to " + scale(to) + " decimal places");
        }
        if (before == Family.TEXT
                && after == Family.TEXT
                && length(to) > 0
                && (length(from) < 0 || length(from) > length(to))) {
            return Optional.of("text longer than " + length(to) + " characters no longer fits");
        }
        return Optional.empty();
    }

    /**
     * Whether PostgreSQL changes the type without rewriting the table: the same type, a longer or
     * unbounded varchar, varchar to text, or a numeric with more precision and the same scale.
     */
    static boolean postgresKeepsRows(String from, String to) {
        String fromBase = base(from);
        String toBase = base(to);
        if (same(from, to)) {
            return true;
        }
        boolean fromText =
                fromBase.equals("VARCHAR") || fromBase.equals("CHARACTER VARYING") || fromBase.equals("TEXT");
        boolean toText = toBase.equals("VARCHAR") || toBase.equals("CHARACTER VARYING") || toBase.equals("TEXT");
        if (fromText && toText) {
            return length(to) < 0 || (length(from) > 0 && length(to) >= length(from));
        }
        if ((fromBase.equals("NUMERIC") || fromBase.equals("DECIMAL"))
                && (toBase.equals("NUMERIC") || toBase.equals("DECIMAL"))) {
            return length(to) < 0 || (length(from) > 0 && length(to) >= length(from) && scale(to) == scale(from));
        }
        return fromBase.equals("CIDR") && toBase.equals("INET");
    }

    /** The same type, spelled with other case or spacing. */
    static boolean same(String a, String b) {
        return normalise(a).replace(" ", "").equals(normalise(b).replace(" ", ""));
    }

    static String base(String type) {
        Matcher m = TYPE.matcher(normalise(type));
        return m.matches() ? m.group(1).strip() : normalise(type);
    }

    /** The first modifier (length or precision), or -1. */
    private static int length(String type) {
        Matcher m = TYPE.matcher(normalise(type));
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : -1;
    }

    /** The scale of NUMERIC(p,s): s, or 0 when only p is given, or -1 when unconstrained. */
    private static int scale(String type) {
        Matcher m = TYPE.matcher(normalise(type));
        if (!m.matches() || m.group(2) == null) {
            return -1;
        }
        return m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    }

    private static String normalise(String type) {
        return type.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }
}
