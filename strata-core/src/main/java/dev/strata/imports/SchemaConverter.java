package dev.strata.imports;

import dev.strata.ddl.Change;
import dev.strata.ddl.StatementReader;
import dev.strata.sql.Lexeme;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.TokenizedScript;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a full-schema script that rebuilds everything from scratch (DROP TABLE IF EXISTS ...;
 * CREATE TABLE ...) into a baseline migration that is safe on a database which already has the
 * schema and its data: DROPs and transaction control go, every CREATE becomes idempotent, INSERTs
 * skip rows that are already there, and every comment stays where it was.
 *
 * <p>Edits are made at token offsets, so the statements keep their author's layout.
 */
final class SchemaConverter {

    /** Which file of a split import a statement goes to, in the order they run. */
    enum Part {
        TABLES,
        INDEXES,
        VIEWS_AND_TRIGGERS
    }

    /**
     * The converted script, with notes about what changed.
     *
     * @param whole the script in its original order
     * @param parts the same statements grouped by part, for a split import
     */
    record Conversion(String whole, Map<Part, String> parts, List<String> notes) {}

    private static final Set<String> KINDS = Set.of(
            "TABLE",
            "INDEX",
            "VIEW",
            "TRIGGER",
            "SEQUENCE",
            "SCHEMA",
            "EXTENSION",
            "FUNCTION",
            "PROCEDURE",
            "TYPE",
            "DOMAIN");

    private final String source;
    private final boolean postgres;
    private final List<String> notes = new ArrayList<>();

    private SchemaConverter(String source, boolean postgres) {
        this.source = source;
        this.postgres = postgres;
    }

    /**
     * @param source   the file's name for notes
     * @param postgres the script is PostgreSQL's (else SQLite's): they differ in how a CREATE is made idempotent
     */
    static Conversion convert(String source, String text, SqlSplitter splitter, boolean postgres) {
        return new SchemaConverter(source, postgres).run(splitter.tokenize(source, text));
    }

    private Conversion run(TokenizedScript script) {
        String text = script.text();
        Map<Part, StringBuilder> parts = new EnumMap<>(Part.class);
        StringBuilder whole = new StringBuilder();
        int cut = 0;
        for (TokenizedScript.Part statement : script.statements()) {
            String leading = text.substring(cut, statement.start());
            cut = endOfStatement(text, statement.end());
            Change change = StatementReader.read(statement);
            String converted = convert(statement, change);
            String chunk = leading
                    + (converted == null
                            ? ""
                            : converted + ";" + text.substring(trailingFrom(text, statement.end()), cut));
            parts.computeIfAbsent(partOf(change), p -> new StringBuilder()).append(chunk);
            whole.append(chunk);
        }
        parts.computeIfAbsent(Part.TABLES, p -> new StringBuilder()).append(text.substring(cut));
        whole.append(text.substring(cut));
        Map<Part, String> result = new TreeMap<>();
        parts.forEach((part, body) -> result.put(part, tidy(body.toString())));
        return new Conversion(tidy(whole.toString()), result, List.copyOf(notes));
    }

    private static Part partOf(Change change) {
        if (change instanceof Change.CreateIndex) {
            return Part.INDEXES;
        }
        if (change instanceof Change.CreateOther other
                && (other.type() == Change.ObjectType.VIEW
                        || other.type() == Change.ObjectType.MATERIALIZED_VIEW
                        || other.type() == Change.ObjectType.TRIGGER)) {
            return Part.VIEWS_AND_TRIGGERS;
        }
        return Part.TABLES;
    }

    /** The statement rewritten, or null when it is left out. */
    private String convert(TokenizedScript.Part part, Change change) {
        String sql = part.statement().sql();
        int line = part.statement().line();
        List<Lexeme> lexemes = part.lexemes();
        if (change instanceof Change.Drop) {
            note(line, "left out " + part.statement().firstLine() + ": a baseline never drops anything");
            return null;
        }
        if (change instanceof Change.TransactionControl) {
            note(
                    line,
                    "left out " + part.statement().firstLine() + ": strata runs each migration in its own"
                            + " transaction");
            return null;
        }
        if (change instanceof Change.CreateTable create) {
            return create.ifNotExists() ? sql : insertAfter(sql, lexemes, "TABLE", " IF NOT EXISTS");
        }
        if (change instanceof Change.CreateIndex index) {
            if (index.ifNotExists()) {
                return sql;
            }
            if (index.index() == null) {
                note(
                        line,
                        "kept " + part.statement().firstLine() + " as written: an index without a name can't"
                                + " be made IF NOT EXISTS; give it a name");
                return sql;
            }
            return insertAfter(sql, lexemes, index.concurrently() ? "CONCURRENTLY" : "INDEX", " IF NOT EXISTS");
        }
        if (change instanceof Change.CreateOther other) {
            return createOther(sql, lexemes, other, line, part.statement().firstLine());
        }
        if (change instanceof Change.Insert) {
            return insert(sql, lexemes, line);
        }
        if (change instanceof Change.AlterTable
                || change instanceof Change.Update
                || change instanceof Change.Delete
                || change instanceof Change.Truncate) {
            note(
                    line,
                    "kept " + part.statement().firstLine() + " as written: check that running it again on a"
                            + " database that already has the schema is harmless");
        }
        return sql;
    }

    private String createOther(String sql, List<Lexeme> lexemes, Change.CreateOther other, int line, String first) {
        if (other.ifNotExists() || other.orReplace()) {
            return sql;
        }
        Change.ObjectType type = other.type();
        boolean replaceable = type == Change.ObjectType.VIEW
                || type == Change.ObjectType.TRIGGER
                || type == Change.ObjectType.FUNCTION;
        if (postgres && replaceable) {
            return insertAfter(sql, lexemes, "CREATE", " OR REPLACE");
        }
        if (postgres && type == Change.ObjectType.TYPE) {
            note(
                    line,
                    "kept " + first + " as written: PostgreSQL has no CREATE TYPE IF NOT EXISTS; on a database"
                            + " that has the type, mark the baseline as applied instead of running it");
            return sql;
        }
        Lexeme kind = lexemes.stream()
                .skip(1)
                .filter(l -> l.kind() == Lexeme.Kind.WORD && KINDS.contains(l.upper()))
                .findFirst()
                .orElse(null);
        if (kind == null) {
            note(line, "kept " + first + " as written: strata does not know how to make it idempotent");
            return sql;
        }
        return insertAfter(sql, lexemes, kind.upper(), " IF NOT EXISTS");
    }

    /** Rows already in the table are skipped, so the baseline can run on a database that has them. */
    private String insert(String sql, List<Lexeme> lexemes, int line) {
        note(
                line,
                "made the INSERT skip rows that already exist; rows without a primary or unique key would"
                        + " still be added twice");
        if (postgres) {
            boolean handled = false;
            for (int i = 0; i + 1 < lexemes.size(); i++) {
                handled |= lexemes.get(i).isWord("ON") && lexemes.get(i + 1).isWord("CONFLICT");
            }
            return handled ? sql : sql + " ON CONFLICT DO NOTHING";
        }
        if (lexemes.size() > 1 && lexemes.get(1).isWord("OR")) {
            return sql;
        }
        Lexeme first = lexemes.get(0);
        return first.isWord("REPLACE")
                ? sql
                : sql.substring(0, first.offset() + first.text().length()) + " OR IGNORE"
                        + sql.substring(first.offset() + first.text().length());
    }

    private static String insertAfter(String sql, List<Lexeme> lexemes, String word, String addition) {
        for (Lexeme lexeme : lexemes) {
            if (lexeme.isWord(word)) {
                int at = lexeme.offset() + lexeme.text().length();
                return sql.substring(0, at) + addition + sql.substring(at);
            }
        }
        return sql;
    }

    /** Just past the statement's semicolon, and past the rest of that line when it holds nothing but a comment. */
    private static int endOfStatement(String text, int end) {
        int at = trailingFrom(text, end);
        int newline = text.indexOf('\n', at);
        String rest = (newline < 0 ? text.substring(at) : text.substring(at, newline)).strip();
        if (rest.isEmpty() || rest.startsWith("--")) {
            return newline < 0 ? text.length() : newline + 1;
        }
        return at;
    }

    /** Just past the semicolon that ends a statement ending at {@code end}, or {@code end} when there is none. */
    private static int trailingFrom(String text, int end) {
        int at = end;
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
        return at < text.length() && text.charAt(at) == ';' ? at + 1 : end;
    }

    private void note(int line, String what) {
        notes.add(source + ":" + line + ": " + what + ".");
    }

    /** At most one blank line in a row: left-out statements leave gaps behind. */
    private static String tidy(String text) {
        String tidied =
                text.replaceAll("(\r?\n)[ \t]*(\r?\n)([ \t]*\r?\n)+", "$1$2").strip();
        return tidied.isEmpty() ? "" : tidied + "\n";
    }
}
