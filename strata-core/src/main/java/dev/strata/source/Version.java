package dev.strata.source;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A migration's version as written in its file name ({@code 0001}, {@code 20250123000001}).
 *
 * <p>Versions order by their number, never lexically, so {@code 10} comes after {@code 9} and
 * {@code 0001} equals {@code 1}. The text is kept for display and for the history table.
 */
public record Version(String text, BigInteger number) implements Comparable<Version> {

    public Version {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(number, "number");
    }

    /** @throws IllegalArgumentException when {@code text} is not a run of ASCII digits */
    public static Version parse(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a version: '" + text + "' (expected digits, e.g. 0001)");
        }
        return new Version(text, new BigInteger(text));
    }

    /** True when both name the same version, whatever their leading zeros. */
    public boolean sameAs(Version other) {
        return number.equals(other.number);
    }

    @Override
    public int compareTo(Version other) {
        return number.compareTo(other.number);
    }

    @Override
    public String toString() {
        return text;
    }
}
