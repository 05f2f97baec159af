package dev.strata.sql;

/**
 * Recognises {@code -- strata:NAME argument} line comments. Anything that does not match the form
 * exactly stays an ordinary comment: a directive is opt-in, so a near miss must not change how a
 * migration runs.
 */
final class Directives {

    private static final String MARKER = "strata:";

    private Directives() {}

    /** @return the directive, or null when the comment is not one */
    static Directive parse(String comment, int line, boolean inHeader) {
        if (!comment.startsWith("--")) {
            return null;
        }
        int at = 2;
        while (at < comment.length() && isBlank(comment.charAt(at))) {
            at++;
        }
        if (!comment.startsWith(MARKER, at)) {
            return null;
        }
        int nameStart = at + MARKER.length();
        int nameEnd = nameStart;
        while (nameEnd < comment.length() && isNamePart(comment.charAt(nameEnd), nameEnd == nameStart)) {
            nameEnd++;
        }
        if (nameEnd == nameStart || (nameEnd < comment.length() && !isBlank(comment.charAt(nameEnd)))) {
            return null;
        }
        String argument = comment.substring(nameEnd).trim();
        return new Directive(comment.substring(nameStart, nameEnd), argument, line, inHeader);
    }

    private static boolean isNamePart(char c, boolean first) {
        boolean letter = c >= 'a' && c <= 'z';
        return first ? letter : letter || (c >= '0' && c <= '9') || c == '-';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B';
    }
}
