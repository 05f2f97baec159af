package dev.strata.fleet;

import dev.strata.Strata;
import dev.strata.engine.MigrationListener;

/** Builds the {@link Strata} of one target: the fleet's settings, the target's database. */
@FunctionalInterface
public interface TargetLoader {

    /**
     * @param listener told of this target's progress
     * @throws dev.strata.config.ConfigurationException when the target's configuration is wrong
     */
    Strata load(FleetTarget target, MigrationListener listener);
}
