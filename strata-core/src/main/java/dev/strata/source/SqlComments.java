package dev.strata.source;

/**
 * Whether a script holds nothing but comments, blank space and semicolons: the files that other
 * tools accept as "nothing to do" (diesel's generated {@code -- Your SQL goes here}, an empty down
 * script meaning "irreversible").
 *
 * <p>Read here, before any engine is known, with the comment forms that SQLite and PostgreSQL share
 * ({@code --} to the end of the line, and {@code /* ... *}{@code /}). Anything else, however short,
 * counts as a statement, so a doubt always falls on the side of running the file.
 */
final class SqlComments {

    private SqlComments() {}

    static boolean onlyComments(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ';' || c == '\uFEFF') {
                i++;
            } else if (text.startsWith("--", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    return false; // an unclosed comment is the splitter's to report
                }
                i = end + 2;
            } else {
                return false;
            }
        }
        return true;
    }
}
