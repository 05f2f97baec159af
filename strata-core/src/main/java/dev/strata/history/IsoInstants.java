package dev.strata.history;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the ISO-8601 UTC timestamps strata writes into SQLite's text history column
 * ({@code Instant.toString()}: {@code 2025-06-02T09:14:07.039534Z}) without the general-purpose
 * {@link java.time.format.DateTimeFormatter}, which is a good part of reading a long history.
 * Any other form is left to {@link Instant#parse}, so nothing valid is refused.
 */
public final class IsoInstants {

    private IsoInstants() {}

    public static Instant parse(String text) {
        int length = text.length();
        if (length < 20
                || length > 30
                || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.' || length == 21) {
                return Instant.parse(text);
            }
            int fraction = digits(text, 20, length - 1);
            int places = length - 21;
            if (fraction < 0 || places > 9) {
                return Instant.parse(text);
            }
            nanos = fraction * (int) Math.pow(10, 9 - places);
        }
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return Instant.parse(text);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return Instant.parse(text); // February 30th and the like: the standard parser's error
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number written in {@code text[from, to)}, or -1 when it holds anything but ASCII digits. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
