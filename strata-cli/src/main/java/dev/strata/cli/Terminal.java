package dev.strata.cli;

import java.io.Console;
import java.util.Optional;

/** Someone at a keyboard who can answer a question. */
@FunctionalInterface
public interface Terminal {

    /** Shows {@code prompt} and reads one line; null at end of input. */
    String readLine(String prompt);

    /** The process's terminal, when both its input and output are one (not piped, not in CI). */
    static Optional<Terminal> system() {
        return console().map(console -> prompt -> console.readLine("%s", prompt));
    }

    /**
     * The JVM's console when it is an interactive terminal. From JDK 22 on, {@code System.console()}
     * returns a console even when input or output is piped, and only {@code Console.isTerminal()}
     * (JDK 22 and later, so looked up here) tells; on older JDKs a non-null console is a terminal.
     */
    // The check wants isTerminal(), which JDK 17 lacks; it is called below when the JDK has it.
    @SuppressWarnings("SystemConsoleNull")
    static Optional<Console> console() {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        try {
            Object terminal = Console.class.getMethod("isTerminal").invoke(console);
            return Boolean.TRUE.equals(terminal) ? Optional.of(console) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.of(console);
        } catch (ReflectiveOperationException e) {
            return Optional.empty();
        }
    }
}
