package dev.strata.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the hostile-input corpus ({@code hostile-input.cases}): the files of a project, what
 * is done to the database first, the command, and what the user must see.
 *
 * <p>The corpus is plain text, one case per block:
 * <pre>
 * case NAME                     starts a case
 *   engine postgres             default sqlite
 *   setup PATH = TEXT           a file in place before a setup migrate that runs through the library
 *   file PATH = TEXT            a file written after the setup migrate (may overwrite a setup file)
 *   delete PATH                 removed after the setup migrate
 *   sql STATEMENT               run on the database after the setup migrate
 *   prepare FIXTURE ARGS...     something a text file can't hold: fifo, folder, symlink, big, sparse,
 *                               outside-link, immutable, password-role
 *   shell COMMAND               run in strata's shell before it starts (e.g. ulimit -f 16384)
 *   env NAME=VALUE              an environment variable of the run
 *   run ARGS...                 strata's arguments ("..." keeps spaces together)
 *   exit CODE                   the documented exit code
 *   says FRAGMENT               text the output must contain (several allowed)
 *   hides FRAGMENT              text the output must never contain (a secret, a raw escape character)
 *   then ARGS...                a second command that must exit 0 before the database is compared
 *   changes none|allowed        whether the database may change (default none)
 * </pre>
 * PATH, TEXT and FRAGMENT take {@code \n}, {@code \r}, {@code \t}, {@code \\}, {@code \}{@code uFEFF} and
 * raw bytes as {@code \xC3}. Every value may use {@code ${url}} (the case's database),
 * {@code ${pgport}} and {@code ${pgdb}}.
 */
record HostileCase(
        String name,
        boolean postgres,
        Map<String, byte[]> setupFiles,
        Map<String, byte[]> files,
        List<String> deletes,
        List<String> sql,
        List<List<String>> prepares,
        List<String> shell,
        Map<String, String> env,
        List<String> run,
        int exit,
        List<String> says,
        List<String> hides,
        List<String> then,
        boolean changesAllowed) {

    static List<HostileCase> load(String resource) throws IOException {
        String text;
        try (InputStream in = HostileCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test resources");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<HostileCase> cases = new ArrayList<>();
        Builder current = null;
        int lineNumber = 0;
        for (String raw : text.split("\n", -1)) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1).strip();
            if (key.equals("case")) {
                if (current != null) {
                    cases.add(current.build());
                }
                current = new Builder(value);
                continue;
            }
            if (current == null) {
                throw new IllegalStateException(resource + ":" + lineNumber + ": '" + key + "' before the first case");
            }
            current.add(key, value, resource + ":" + lineNumber);
        }
        if (current != null) {
            cases.add(current.build());
        }
        return cases;
    }

    /** Splits a command line at spaces, keeping "quoted text" together. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    words.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }

    /** The bytes a TEXT value stands for. */
    static byte[] bytes(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 == value.length()) {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    out.writeBytes(String.valueOf((char) Integer.parseInt(value.substring(i + 1, i + 5), 16))
                            .getBytes(StandardCharsets.UTF_8));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + next + " in " + value);
            }
        }
        return out.toByteArray();
    }

    /** The text a FRAGMENT stands for. */
    static String text(String value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return name;
    }

    private static final class Builder {
        private final String name;
        private boolean postgres;
        private final Map<String, byte[]> setupFiles = new LinkedHashMap<>();
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        private final List<String> deletes = new ArrayList<>();
        private final List<String> sql = new ArrayList<>();
        private final List<List<String>> prepares = new ArrayList<>();
        private final List<String> shell = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private List<String> run;
        private Integer exit;
        private final List<String> says = new ArrayList<>();
        private final List<String> hides = new ArrayList<>();
        private List<String> then = List.of();
        private boolean changesAllowed;

        Builder(String name) {
            this.name = name;
        }

        void add(String key, String value, String where) {
            switch (key) {
                case "engine" -> postgres = value.equals("postgres");
                case "setup" -> setupFiles.put(path(value, where), bytes(content(value)));
                case "file" -> files.put(path(value, where), bytes(content(value)));
                case "delete" -> deletes.add(value);
                case "sql" -> sql.add(value);
                case "prepare" -> prepares.add(words(value));
                case "shell" -> shell.add(value);
                case "env" ->
                    env.put(value.substring(0, value.indexOf('=')), text(value.substring(value.indexOf('=') + 1)));
                case "run" -> run = words(value);
                case "exit" -> exit = Integer.parseInt(value);
                case "says" -> says.add(text(value));
                case "hides" -> hides.add(text(value));
                case "then" -> then = words(value);
                case "changes" -> changesAllowed = value.equals("allowed");
                case "note" -> {} // for the reader of the corpus
                default -> throw new IllegalStateException(where + ": unknown key '" + key + "'");
            }
        }

        /** PATH of {@code PATH = TEXT}; an empty TEXT leaves the line ending in " =". */
        private static String path(String value, String where) {
            int equals = value.indexOf(" = ");
            if (equals < 0 && value.endsWith(" =")) {
                return value.substring(0, value.length() - 2);
            }
            if (equals < 0) {
                throw new IllegalStateException(where + ": expected PATH = TEXT");
            }
            return text(value.substring(0, equals));
        }

        private static String content(String value) {
            int equals = value.indexOf(" = ");
            return equals < 0 ? "" : value.substring(equals + 3);
        }

        HostileCase build() {
            if (run == null || exit == null) {
                throw new IllegalStateException("case " + name + " needs 'run' and 'exit'");
            }
            if (exit != 0 && says.size() < 2) {
                throw new IllegalStateException("case " + name + ": a failure must name at least what and where (or"
                        + " what to do): give two 'says' lines or more");
            }
            return new HostileCase(
                    name,
                    postgres,
                    setupFiles,
                    files,
                    deletes,
                    sql,
                    prepares,
                    shell,
                    env,
                    run,
                    exit,
                    says,
                    hides,
                    then,
                    changesAllowed);
        }
    }
}
