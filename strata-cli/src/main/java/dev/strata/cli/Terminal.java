package dev.strata.cli;

import java.io.Console;
import java.util.Optional;

/** Someone at a keyboard who can answer a question. */
@FunctionalInterface
interface Terminal {

    /** Shows {@code prompt} and reads one line; null at end of input. */
    String readLine(String prompt);

    /** The process's terminal, when both its input and output are one (not piped, not in CI). */
    static Optional<Terminal> system() {
        Console console = System.console();
        return console == null ? Optional.empty() : Optional.of(prompt -> console.readLine("%s", prompt));
    }
}
