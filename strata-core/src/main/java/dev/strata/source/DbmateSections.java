package dev.strata.source;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbmate's one-file layout: a {@code -- migrate:up} line, the up statements, a
 * {@code -- migrate:down} line, the down statements. Either marker may carry dbmate's option
 * {@code transaction:false}.
 *
 * <p>Each section is handed on with the lines before it blanked rather than cut, so that the line
 * numbers in messages are the file's own.
 */
public final class DbmateSections {

    private static final Pattern UP = Pattern.compile("(?m)^--\\s*migrate:up\\b.*$");
    private static final Pattern DOWN = Pattern.compile("(?m)^--\\s*migrate:down\\b.*$");

    private DbmateSections() {}

    /** The two sections: {@code up} is the file up to the down marker, {@code down} starts at it. */
    public record Sections(String up, Optional<String> down) {}

    /**
     * A dbmate file's text, as dbmate's own {@code new} writes one: the up marker, the up statements,
     * the down marker and the down statements; an empty {@code down} marks it irreversible.
     */
    public static String file(String up, String down) {
        return "-- migrate:up\n" + up + "\n-- migrate:down\n" + down;
    }

    /** Whether the text is a dbmate migration: it has a {@code -- migrate:up} line. */
    static boolean isDbmate(String text) {
        return UP.matcher(text).find();
    }

    /**
     * @param shownAs the file in messages
     * @throws MigrationSourceException when the down marker comes before the up marker
     */
    public static Sections split(String text, String shownAs) {
        Matcher up = UP.matcher(text);
        if (!up.find()) {
            throw new MigrationSourceException(
                    shownAs + ": no '-- migrate:up' line; a dbmate migration starts its up" + " statements with it");
        }
        Matcher down = DOWN.matcher(text);
        if (!down.find()) {
            return new Sections(text, Optional.empty());
        }
        if (down.start() < up.start()) {
            throw new MigrationSourceException(shownAs + ":" + lineOf(text, down.start()) + ": '-- migrate:down'"
                    + " comes before '-- migrate:up'; put the up section first");
        }
        String downText = blankLines(text.substring(0, down.start())) + text.substring(down.start());
        boolean hasStatements = !text.substring(down.end()).isBlank();
        return new Sections(text.substring(0, down.start()), hasStatements ? Optional.of(downText) : Optional.empty());
    }

    /** The down section of a dbmate file's text, if it has one. */
    static Optional<String> down(String text, String shownAs) {
        return split(text, shownAs).down();
    }

    /** The text's line breaks only, so that what follows keeps its line numbers. */
    private static String blankLines(String text) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.append(c);
            }
        }
        return lines.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
