package dev.strata.engine;

import dev.strata.history.AppliedMigration;
import dev.strata.lint.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code migrate} did.
 *
 * @param database  the database as named to people
 * @param planned   the pending migrations it set out to apply, in order
 * @param applied   the history rows it wrote (empty for a dry run)
 * @param skipped   how many planned migrations another process applied first
 * @param dryRun    true when nothing was run
 * @param findings  for a dry run, what the lint gate found in the pending migrations (a real run
 *                  reports its warnings as they are found, and refuses on an error)
 * @param refusal   for a dry run, why the real run would refuse, in one sentence; empty when it would run
 * @param singleTransaction whether the run applies (or, for a dry run, would apply) every pending
 *                  migration in one transaction, all or none
 * @param heldBack  why the contract half of an expand/contract pair, and what follows it, was not
 *                  applied (see {@link ExpandContract}); empty when nothing was held back
 */
public record MigrateResult(
        String database,
        List<PlannedMigration> planned,
        List<AppliedMigration> applied,
        int skipped,
        boolean dryRun,
        List<Finding> findings,
        Optional<String> refusal,
        boolean singleTransaction,
        Optional<String> heldBack) {

    public MigrateResult {
        planned = List.copyOf(planned);
        applied = List.copyOf(applied);
        findings = List.copyOf(findings);
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(heldBack, "heldBack");
    }

    public MigrateResult(
            String database,
            List<PlannedMigration> planned,
            List<AppliedMigration> applied,
            int skipped,
            boolean dryRun,
            List<Finding> findings,
            Optional<String> refusal,
            boolean singleTransaction) {
        this(database, planned, applied, skipped, dryRun, findings, refusal, singleTransaction, Optional.empty());
    }

    public MigrateResult(
            String database,
            List<PlannedMigration> planned,
            List<AppliedMigration> applied,
            int skipped,
            boolean dryRun,
            List<Finding> findings,
            Optional<String> refusal) {
        this(database, planned, applied, skipped, dryRun, findings, refusal, false);
    }

    public MigrateResult(
            String database,
            List<PlannedMigration> planned,
            List<AppliedMigration> applied,
            int skipped,
            boolean dryRun) {
        this(database, planned, applied, skipped, dryRun, List.of(), Optional.empty());
    }
}
