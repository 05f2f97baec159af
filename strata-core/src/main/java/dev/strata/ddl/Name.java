package dev.strata.ddl;

import dev.strata.sql.Lexeme;
import java.util.Locale;

/**
 * The name of a table or other object as a statement writes it.
 *
 * @param schema the schema written before a dot, or null
 * @param name   the object's name, quotes removed
 * @param at     where the name stands, for messages
 */
public record Name(String schema, String name, Lexeme at) {

    /**
     * The name without its schema, lower-cased: what the linter compares. Both engines fold bare
     * names (SQLite ignores case even in quotes), so two spellings of one table meet here.
     */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }

    /** Strips the quotes of {@code "a""b"}, {@code `a`} or {@code [a]}; a bare word stays as it is. */
    public static String unquote(String text) {
        if (text.length() >= 2) {
            char first = text.charAt(0);
            char last = text.charAt(text.length() - 1);
            if ((first == '"' && last == '"') || (first == '`' && last == '`')) {
                String quote = String.valueOf(first);
                return text.substring(1, text.length() - 1).replace(quote + quote, quote);
            }
            if (first == '[' && last == ']') {
                return text.substring(1, text.length() - 1);
            }
        }
        return text;
    }
}
