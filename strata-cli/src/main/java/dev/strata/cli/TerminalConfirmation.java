package dev.strata.cli;

import dev.strata.cli.commands.Output;
import dev.strata.config.ConfigurationException;
import dev.strata.engine.PlannedMigration;
import dev.strata.environments.Confirmation;
import java.util.List;
import java.util.Locale;

/** {@code confirm = true}: lists what will be applied and asks on the terminal; refuses without one. */
public final class TerminalConfirmation implements Confirmation {

    private final Console console;

    public TerminalConfirmation(Console console) {
        this.console = console;
    }

    @Override
    public boolean confirm(String environment, String database, List<PlannedMigration> steps) {
        Terminal terminal = console.terminal()
                .orElseThrow(() -> new ConfigurationException("environment '"
                        + environment + "' has confirm = true, and there is no terminal to ask on; nothing was applied."
                        + " Pass --yes to apply without asking (strata --env " + environment + " migrate --yes)."));
        console.err("About to apply " + Output.plural(steps.size(), "migration") + " to " + environment + " ("
                + database + "):");
        int width = steps.stream()
                .mapToInt(step -> step.migration().label().length())
                .max()
                .orElse(0);
        for (PlannedMigration step : steps) {
            console.err(
                    "  " + String.format("%-" + width + "s", step.migration().label()) + "  "
                            + step.migration().upSource());
        }
        String answer = terminal.readLine("Apply " + (steps.size() == 1 ? "it" : "them") + "? [y/N] ");
        return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Asks one yes/no question on the terminal; without a terminal, refuses with {@code noTerminal}
     * (which says what to pass instead).
     */
    public static boolean ask(Console console, String question, String noTerminal) {
        Terminal terminal = console.terminal().orElseThrow(() -> new ConfigurationException(noTerminal));
        String answer = terminal.readLine(question + " [y/N] ");
        return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
    }
}
