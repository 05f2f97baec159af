package dev.strata.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the CLI prints goes through here, so that a secret it has been told about (a database
 * password) is replaced by {@code ***} wherever it would appear, whatever produced the text, and so
 * that no escape sequence from a file name, a file or the database reaches the terminal raw.
 */
public final class Console {

    private final PrintWriter out;
    private final PrintWriter err;
    private final List<String> secrets = new ArrayList<>();
    private final Optional<Terminal> terminal;
    /** The notices printed so far: a command may load its configuration more than once, the user reads each once. */
    private final java.util.Set<String> noticesShown = new java.util.HashSet<>();

    /** A console that can't ask questions: nothing is read from the user. */
    public Console(PrintWriter out, PrintWriter err) {
        this(out, err, Optional.empty());
    }

    /** @param terminal where questions are asked and answered, when there is someone to ask */
    Console(PrintWriter out, PrintWriter err, Optional<Terminal> terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** The terminal to ask questions on; empty when input or output is not a terminal. */
    Optional<Terminal> terminal() {
        return terminal;
    }

    /** From now on, {@code secret} is never printed. */
    public void hide(String secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret);
        }
    }

    /** A line for the user's result: stdout. */
    public void out(String line) {
        out.println(redact(line));
        out.flush();
    }

    /** Progress, notices and errors: stderr, so stdout stays clean for JSON and pipes. */
    public void err(String line) {
        err.println(redact(line));
        err.flush();
    }

    /**
     * A remark about the run (the default database, what was found in wrangler's config): stderr, and
     * once per run however many times the code that notices it runs.
     */
    public void notice(String line) {
        if (noticesShown.add(line)) {
            err(line);
        }
    }

    /**
     * Whether stderr can be redrawn in place: only when someone watches a terminal. Piped, redirected
     * or in CI, progress is written as plain lines instead.
     */
    public boolean interactive() {
        return terminal.isPresent();
    }

    /**
     * Replaces the last {@code previous} lines written to stderr with {@code lines}: a live view of
     * work in progress. The control sequences are strata's own; the lines are redacted and escaped
     * like any other.
     */
    public void errRedrawn(int previous, List<String> lines) {
        StringBuilder text = new StringBuilder();
        if (previous > 0) {
            // Cursor to the start of the line `previous` lines up, then clear to the end of the screen.
            text.append("\u001b[").append(previous).append("F\u001b[J");
        }
        for (String line : lines) {
            text.append(redact(line)).append(System.lineSeparator());
        }
        err.print(text);
        err.flush();
    }

    PrintWriter outWriter() {
        return out;
    }

    PrintWriter errWriter() {
        return err;
    }

    /** The text with every secret replaced, and every character a terminal would act on escaped. */
    String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "***");
        }
        return dev.strata.source.Printable.text(result);
    }
}
