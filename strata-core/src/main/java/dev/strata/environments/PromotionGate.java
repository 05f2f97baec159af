package dev.strata.environments;

import dev.strata.StrataException;
import dev.strata.engine.MigrationGate;
import dev.strata.engine.MigrationRefusedException;
import dev.strata.engine.MigrationState;
import dev.strata.engine.MigrationStatus;
import dev.strata.engine.PlannedMigration;
import dev.strata.engine.StatusReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code requires = "staging"} on an environment: every migration about to run here must already be
 * applied successfully on the required environment, with the checksum of the file about to run.
 * Otherwise nothing runs, and every migration that is not ready is named with the reason.
 */
public final class PromotionGate implements MigrationGate {

    private final String environment;
    private final String required;
    private final Supplier<StatusReport> requiredStatus;

    /**
     * @param environment     the environment about to be migrated
     * @param required        the environment its migrations must reach first
     * @param requiredStatus  reads {@code required}'s status (the same migrations folder); may throw
     *                        a {@link StrataException} when it can't be read
     */
    public PromotionGate(String environment, String required, Supplier<StatusReport> requiredStatus) {
        this.environment = environment;
        this.required = required;
        this.requiredStatus = requiredStatus;
    }

    @Override
    public void beforeChanges(String database, List<PlannedMigration> steps) {
        String summary = "nothing was applied to " + environment + ": it requires = \"" + required + "\", so every"
                + " migration must be applied on " + required + " first, and";
        StatusReport report;
        try {
            report = requiredStatus.get();
        } catch (StrataException e) {
            throw new MigrationRefusedException(
                    summary + " " + required + " could not be read to check:", List.of(e.getMessage()));
        }
        Map<String, MigrationStatus> there = new HashMap<>();
        report.migrations().forEach(row -> there.put(row.version().id(), row));
        List<String> reasons = new ArrayList<>();
        for (PlannedMigration step : steps) {
            MigrationStatus row = there.get(step.migration().version().id());
            MigrationState state = row == null ? MigrationState.PENDING : row.state();
            String label = step.migration().upSource();
            switch (state) {
                case APPLIED, EQUIVALENT, SQUASHED -> {}
                case PENDING ->
                    reasons.add(label + ": not applied on " + required + " yet; run 'strata --env " + required
                            + " migrate' first.");
                case CHANGED ->
                    reasons.add(label + ": " + required + " applied a different version of this file"
                            + " (its recorded checksum differs from the file's); apply this version on " + required
                            + " first, or restore the file as " + required + " ran it.");
                case FAILED ->
                    reasons.add(label + ": failed part-way on " + required + "; repair it there and" + " migrate "
                            + required + " first.");
                case MISSING ->
                    reasons.add(label + ": " + required + " applied it, but reports its file missing;"
                            + " check both environments use this migrations folder.");
                case OUTDATED ->
                    reasons.add(label + ": " + required + " ran an earlier version of this repeatable"
                            + " migration; migrate " + required + " first.");
                case ADOPTABLE ->
                    reasons.add(label + ": only another tool's history on " + required + " has it;"
                            + " run 'strata --env " + required + " adopt' first.");
            }
        }
        if (!reasons.isEmpty()) {
            throw new MigrationRefusedException(
                    summary + " " + reasons.size() + " of " + steps.size() + " pending migrations are not:", reasons);
        }
    }
}
