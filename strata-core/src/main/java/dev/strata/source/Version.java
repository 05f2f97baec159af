package dev.strata.source;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A migration's version as written in its file name: {@code 0001}, {@code 20250123000001}, a
 * Flyway-style dotted version {@code 1.1}, or {@code R__name} for a repeatable migration, which has
 * no version of its own.
 *
 * <p>Versions order by their numbers, never lexically, part by part: {@code 10} comes after
 * {@code 9}, {@code 1.10} after {@code 1.9}, {@code 0001} equals {@code 1}, and {@code 1.0} equals
 * {@code 1} (as in Flyway). Repeatable migrations order after every versioned one, by name. The
 * text is kept for display and for the history table.
 *
 * <p>diesel's versions are the exception: diesel orders them as text, so its {@code 2025-11-19-091444-0000}
 * folders (version {@code 202511190914440000}) run before {@code 20260120162913}, and strata runs them
 * in that same order ({@link #textOrdered()}).
 *
 * @param text      the version as written ({@code R__views} for a repeatable migration)
 * @param parts     the numbers separated by dots; empty for a repeatable migration
 * @param textOrder whether the version orders by its text, as diesel orders its versions
 */
public record Version(String text, List<BigInteger> parts, boolean textOrder) implements Comparable<Version> {

    /** How a repeatable migration's stand-in version begins: {@code R__views}. */
    public static final String REPEATABLE_PREFIX = "R__";

    public Version {
        Objects.requireNonNull(text, "text");
        parts = List.copyOf(parts);
    }

    /** A version that orders by its numbers. */
    public Version(String text, List<BigInteger> parts) {
        this(text, parts, false);
    }

    /**
     * @throws IllegalArgumentException when {@code text} is neither digits separated by single dots
     *                                  nor {@code R__name}
     */
    public static Version parse(String text) {
        if (text.startsWith(REPEATABLE_PREFIX) && text.length() > REPEATABLE_PREFIX.length()) {
            return new Version(text, List.of());
        }
        String[] pieces = text.split("\\.", -1);
        List<BigInteger> parts = new ArrayList<>(pieces.length);
        for (String piece : pieces) {
            if (piece.isEmpty() || !piece.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not a version: '" + text + "' (expected digits, e.g. 0001 or 1.2)");
            }
            parts.add(new BigInteger(piece));
        }
        return new Version(text, parts);
    }

    /**
     * The same version, ordered by its text as diesel orders its versions: compared with it, every
     * other version orders by text too.
     */
    public Version textOrdered() {
        return repeatable() || textOrder ? this : new Version(text, parts, true);
    }

    /** The stand-in version of the repeatable migration {@code R__name}. */
    public static Version repeatable(String name) {
        return new Version(REPEATABLE_PREFIX + name, List.of());
    }

    /** True for a repeatable migration, which is re-run whenever its checksum changes. */
    public boolean repeatable() {
        return parts.isEmpty();
    }

    /**
     * The version's identity, whatever its leading zeros or trailing {@code .0}: {@code 0001} and
     * {@code 1.0} both give {@code 1}. Two versions with the same id are the same version.
     */
    public String id() {
        if (repeatable()) {
            return text;
        }
        int last = parts.size();
        while (last > 1 && parts.get(last - 1).signum() == 0) {
            last--;
        }
        // Asked for every file and history row, several times a run: no stream, and no BigInteger
        // division for the numbers that fit a long (all but the longest timestamps).
        StringBuilder id = new StringBuilder(digits(parts.get(0)));
        for (int i = 1; i < last; i++) {
            id.append('.').append(digits(parts.get(i)));
        }
        return id.toString();
    }

    private static String digits(BigInteger number) {
        return number.bitLength() < Long.SIZE ? Long.toString(number.longValue()) : number.toString();
    }

    /** The first number: the whole version for the usual single-number versions. */
    public BigInteger major() {
        if (repeatable()) {
            throw new IllegalStateException("a repeatable migration has no version number: " + text);
        }
        return parts.get(0);
    }

    /** True when both name the same version, whatever their leading zeros. */
    public boolean sameAs(Version other) {
        return id().equals(other.id());
    }

    @Override
    public int compareTo(Version other) {
        if (repeatable() || other.repeatable()) {
            if (repeatable() && other.repeatable()) {
                return text.compareTo(other.text);
            }
            return repeatable() ? 1 : -1;
        }
        if (textOrder || other.textOrder) {
            return text.compareTo(other.text);
        }
        int length = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < length; i++) {
            BigInteger mine = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger theirs = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int order = mine.compareTo(theirs);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
