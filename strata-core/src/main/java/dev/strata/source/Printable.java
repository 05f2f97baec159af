package dev.strata.source;

/**
 * Text from outside strata (file names, SQL, database messages) made safe to print on a terminal:
 * characters that a terminal would act on instead of showing are written as escapes. An escape
 * sequence in a file name could otherwise rewrite the screen or a CI log, and a line break in one
 * could forge a line of strata's own output.
 */
public final class Printable {

    private Printable() {}

    /**
     * A name to show on one line: every control character escaped, line breaks and tabs too, e.g.
     * {@code 0001_a\nb.sql}.
     */
    public static String name(String name) {
        return escape(name, false);
    }

    /**
     * Text of several lines: line breaks and tabs kept (a CR LF pair becomes LF), every other control
     * character escaped.
     */
    public static String text(String text) {
        return escape(text.replace("\r\n", "\n"), true);
    }

    private static String escape(String text, boolean keepLines) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean kept = !isControl(c) || keepLines && (c == '\n' || c == '\t');
            if (kept) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            out.append(
                    switch (c) {
                        case '\n' -> "\\n";
                        case '\r' -> "\\r";
                        case '\t' -> "\\t";
                        default -> c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
                    });
        }
        return out == null ? text : out.toString();
    }

    /**
     * C0 and C1 controls and DEL, which terminals interpret, and the invisible characters that
     * reorder or hide text (bidirectional overrides and isolates, line and paragraph separators).
     */
    private static boolean isControl(char c) {
        return c < 0x20
                || c >= 0x7f && c <= 0x9f
                || c >= 0x202a && c <= 0x202e
                || c >= 0x2066 && c <= 0x2069
                || c == 0x2028
                || c == 0x2029
                || c == 0x200e
                || c == 0x200f
                || c == 0x061c;
    }
}
