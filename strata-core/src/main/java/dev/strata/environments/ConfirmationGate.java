package dev.strata.environments;

import dev.strata.engine.MigrationGate;
import dev.strata.engine.PlannedMigration;
import java.util.List;

/** {@code confirm = true} on an environment: nothing is applied until someone says yes. */
public final class ConfirmationGate implements MigrationGate {

    private final String environment;
    private final Confirmation confirmation;

    public ConfirmationGate(String environment, Confirmation confirmation) {
        this.environment = environment;
        this.confirmation = confirmation;
    }

    @Override
    public void beforeChanges(String database, List<PlannedMigration> steps) {
        if (!confirmation.confirm(environment, database, steps)) {
            throw new NotConfirmedException(
                    "nothing was applied to " + environment + " (" + database + "): the " + steps.size()
                            + " pending migration" + (steps.size() == 1 ? " was" : "s were") + " not confirmed.");
        }
    }
}
