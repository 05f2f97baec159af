package dev.strata.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates migration scripts for the differential tests: ordinary statements whose strings,
 * quoted names and comments hold whatever is most likely to make two tokenizers disagree
 * (semicolons, quotes, comment openers, backslashes, dollars, line ends of every style).
 *
 * <p>Each script is valid SQL as the engine reads it, except for the few deliberate traps that
 * strata must refuse (a lone CR ending a SQLite {@code --} comment, a NUL, a backslash in a string
 * joined to an {@code E''} string); {@link Script#refusable} says whether the script holds one.
 */
final class DifferentialScripts {

    record Script(String text, boolean refusable) {}

    enum Engine {
        SQLITE,
        POSTGRES
    }

    private static final List<String> CONTENT = List.of(
            ";",
            "'",
            "\"",
            "--",
            "$$",
            "$a$",
            "\\",
            "\\'",
            "é",
            "\uD83D\uDE00",
            "x",
            " ",
            "[",
            "]",
            "`",
            "(",
            ")",
            "BEGIN",
            "END",
            "CASE",
            "\t",
            "*",
            "/",
            "-",
            "$",
            "$1",
            "E'",
            "\u2028",
            "{fn now()}",
            ":a(b;c)");

    private final Engine engine;
    private final Random random;
    private boolean refusable;

    DifferentialScripts(Engine engine, long seed) {
        this.engine = engine;
        this.random = new Random(seed);
    }

    Script next() {
        refusable = false;
        StringBuilder text = new StringBuilder();
        int statements = 1 + random.nextInt(3);
        for (int i = 0; i < statements; i++) {
            text.append(trivia())
                    .append(statement())
                    .append(trivia())
                    .append(';')
                    .append(trivia());
        }
        return new Script(text.toString(), refusable);
    }

    private String statement() {
        return switch (random.nextInt(4)) {
            case 0 -> "SELECT" + gap() + expression() + gap() + "AS" + gap() + alias();
            case 1 ->
                "INSERT" + gap() + "INTO" + gap() + "t" + gap() + "(a)" + gap() + "VALUES" + gap() + "(" + expression()
                        + ")";
            case 2 ->
                "UPDATE" + gap() + "t" + gap() + "SET" + gap() + "a" + gap() + "=" + gap() + expression() + gap()
                        + "WHERE" + gap() + "a" + gap() + "=" + gap() + expression();
            default ->
                "DELETE" + gap() + "FROM" + gap() + "t" + gap() + "WHERE" + gap() + "a" + gap() + "=" + gap()
                        + expression();
        };
    }

    /** At least one blank, often comments and line ends too. */
    private String gap() {
        String trivia = trivia();
        return trivia.isEmpty() ? " " : (random.nextBoolean() ? " " : "") + trivia + " ";
    }

    private String trivia() {
        StringBuilder out = new StringBuilder();
        int pieces = random.nextInt(3);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(7)) {
                case 0 -> out.append(pick(" ", "\n", "\r\n", "\t", "\r", "\f"));
                case 1, 2 -> out.append("-- ").append(content(false)).append(lineEnd());
                case 3, 4 -> out.append("/* ").append(content(false)).append(" */");
                case 5 ->
                    out.append(engine == Engine.POSTGRES ? "/* a /* " + content(false) + " */ b */" : "/* /* x */");
                default -> out.append(' ');
            }
        }
        return out.toString();
    }

    private String lineEnd() {
        int choice = random.nextInt(20);
        if (choice == 0) {
            if (engine == Engine.SQLITE) {
                refusable = true; // SQLite would read on to the next LF
            }
            return "\r";
        }
        return choice == 1 ? "\r\n" : "\n";
    }

    private String expression() {
        int choice = random.nextInt(engine == Engine.POSTGRES ? 9 : 7);
        return switch (choice) {
            case 0 -> String.valueOf(random.nextInt(100));
            case 1, 2 -> "'" + content(true).replace("'", "''") + "'";
            case 3 -> "(" + expression() + gap() + "||" + gap() + expression() + ")";
            case 4 -> engine == Engine.SQLITE ? "X'0a1B'" : "E'" + escaped(content(true)) + "'";
            case 5 ->
                engine == Engine.SQLITE
                        ? "$v" + random.nextInt(9) + "(" + pick("x;y", "a--b", "'", "/*") + ")"
                        : "$" + tag() + "$" + content(true).replace("$", "") + "$" + tag + "$";
            case 6 -> "CAST(" + expression() + gap() + "AS" + gap() + "TEXT)";
            case 7 -> joinedToEscapeString();
            default -> "U&'" + content(true).replace("'", "''").replace("\\", "") + "'";
        };
    }

    private String tag;

    private String tag() {
        tag = pick("", "a", "tag_1", "é");
        return tag;
    }

    /** PostgreSQL reads a string joined to an E'' string across a line end with escapes too. */
    private String joinedToEscapeString() {
        String second = content(true).replace("'", "''");
        if (second.contains("\\")) {
            refusable = true;
        }
        return "E'" + escaped(content(true)) + "'" + pick("\n", " -- c\n", "\r\n  ") + "'" + second + "'";
    }

    private static String escaped(String content) {
        return content.replace("\\", "\\\\").replace("'", "\\'");
    }

    private String alias() {
        int choice = random.nextInt(engine == Engine.SQLITE ? 4 : 2);
        if (choice == 0) {
            return "v";
        }
        String content = content(true).replace("\u2028", "");
        String name = content.isEmpty() ? "n" : content;
        return switch (choice) {
            case 1 -> "\"" + name.replace("\"", "\"\"") + "\"";
            case 2 -> "[" + (name.replace("]", "").isEmpty() ? "n" : name.replace("]", "")) + "]";
            default -> "`" + name.replace("`", "``") + "`";
        };
    }

    /**
     * Text for a string, a quoted name or a comment. Comments get no comment delimiters (a nested one
     * is made on purpose elsewhere), none gets a CR or LF (line ends are chosen on purpose), and a NUL
     * comes rarely and makes the script one that must be refused.
     */
    private String content(boolean inQuotes) {
        StringBuilder out = new StringBuilder();
        int pieces = random.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            out.append(CONTENT.get(random.nextInt(CONTENT.size())));
        }
        if (random.nextInt(60) == 0) {
            out.append('\u0000');
            refusable = true;
        }
        String text = out.toString();
        if (!inQuotes) {
            text = text.replace("*/", "* /").replace("/*", "/ *").replace("\u2028", "");
            if (text.endsWith("*") || text.endsWith("/")) {
                text = text + "x";
            }
        }
        return text;
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Every script of a run, for tests that want them all at once. */
    List<Script> take(int count) {
        List<Script> scripts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            scripts.add(next());
        }
        return scripts;
    }
}
