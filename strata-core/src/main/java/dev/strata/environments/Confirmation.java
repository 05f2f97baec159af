package dev.strata.environments;

import dev.strata.config.ConfigurationException;
import dev.strata.engine.PlannedMigration;
import java.util.List;

/**
 * Asks a person whether to apply what {@code migrate} is about to apply on an environment with
 * {@code confirm = true}. The command line asks on the terminal; {@link #YES} stands for
 * {@code --yes}.
 */
@FunctionalInterface
public interface Confirmation {

    /**
     * @param environment  the environment's name in strata.toml
     * @param database     its database, as named to people
     * @param steps        what will be applied, in order; never empty
     * @return true to go ahead; false stops the run with nothing changed
     * @throws dev.strata.StrataException when no one can be asked, saying what to do instead
     */
    boolean confirm(String environment, String database, List<PlannedMigration> steps);

    /** Approves without asking: {@code --yes}. */
    Confirmation YES = (environment, database, steps) -> true;

    /** For callers that can't ask anyone: refuses, saying how to approve. The library's default. */
    Confirmation NOBODY_TO_ASK = (environment, database, steps) -> {
        throw new ConfigurationException("environment '" + environment + "' has confirm = true, and nobody can be"
                + " asked; nothing was applied. Approve explicitly: migrate(options, Confirmation.YES).");
    };
}
