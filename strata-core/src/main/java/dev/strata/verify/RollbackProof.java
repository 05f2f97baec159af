package dev.strata.verify;

import dev.strata.config.StrataConfig;
import dev.strata.dialect.WaitListener;
import dev.strata.schema.Schema;
import dev.strata.schema.SchemaChange;
import dev.strata.schema.SchemaDiff;
import dev.strata.shadow.ShadowDatabase;
import dev.strata.shadow.ShadowException;
import dev.strata.shadow.ShadowStep;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code strata test}: proves on the shadow database that every down script undoes its migration.
 * Migrations run in version order; for each one with a down script: up, down, the schema must equal
 * the one before the up script, then up again so the next migration meets what it will meet for real.
 * Only the schema is compared: what a down script does to rows is beyond what a schema can prove.
 */
public final class RollbackProof {

    private RollbackProof() {}

    /** {@link #run(StrataConfig, WaitListener)}, waiting for another run's shadow silently. */
    public static RollbackReport run(StrataConfig config) {
        return run(config, WaitListener.SILENT);
    }

    /**
     * @param waits told when another strata run holds the configured shadow and this one waits
     * @throws ShadowException when the shadow database can't be created or a configured one isn't empty
     * @throws dev.strata.source.MigrationSourceException when the migrations folder has problems
     */
    public static RollbackReport run(StrataConfig config, WaitListener waits) {
        List<Migration> files = MigrationDirectory.scan(config.projectDir(), config.migrationsDir());
        List<RollbackResult> results = new ArrayList<>(files.size());
        try (ShadowDatabase shadow = ShadowDatabase.create(config, waits)) {
            boolean broken = false;
            for (Migration migration : files) {
                if (broken) {
                    results.add(result(migration, RollbackResult.Status.NOT_RUN, List.of(), Optional.empty()));
                    continue;
                }
                RollbackResult result = prove(shadow, migration);
                results.add(result);
                // After a failed up script the shadow no longer matches what later migrations expect.
                broken = result.status() == RollbackResult.Status.FAILED
                        && result.error().isPresent()
                        && result.error().get().startsWith("up");
            }
            return new RollbackReport(shadow.description(), results);
        }
    }

    private static RollbackResult prove(ShadowDatabase shadow, Migration migration) {
        Schema before = shadow.schema();
        try {
            shadow.apply(migration);
        } catch (ShadowException e) {
            return failed(migration, "up script failed: " + e.getMessage());
        }
        if (migration.downFile().isEmpty()) {
            return result(migration, RollbackResult.Status.NO_DOWN, List.of(), Optional.empty());
        }
        if (irreversible(migration)) {
            return result(
                    migration,
                    RollbackResult.Status.NO_DOWN,
                    List.of(),
                    Optional.of("its down script "
                            + MigrationDirectory.downSource(migration).orElseThrow()
                            + " is empty, which marks it irreversible"));
        }
        ShadowStep down;
        try {
            down = shadow.revert(migration);
        } catch (ShadowException e) {
            return result(
                    migration,
                    RollbackResult.Status.FAILED,
                    List.of(),
                    Optional.of("down script failed: " + e.getMessage()));
        }
        List<String> differences = SchemaDiff.between(before, down.after()).stream()
                .map(SchemaChange::describe)
                .toList();
        try {
            shadow.apply(migration);
        } catch (ShadowException e) {
            return result(
                    migration,
                    RollbackResult.Status.FAILED,
                    differences,
                    Optional.of("up script failed again after the down script: " + e.getMessage()));
        }
        return differences.isEmpty()
                ? result(migration, RollbackResult.Status.PASSED, List.of(), Optional.empty())
                : result(migration, RollbackResult.Status.FAILED, differences, Optional.empty());
    }

    /** An empty down script marks the migration irreversible (diesel's convention): nothing to prove. */
    private static boolean irreversible(Migration migration) {
        try {
            return MigrationDirectory.markedIrreversible(migration);
        } catch (dev.strata.source.MigrationSourceException e) {
            return false; // running it reports why it can't be read
        }
    }

    private static RollbackResult failed(Migration migration, String error) {
        return result(migration, RollbackResult.Status.FAILED, List.of(), Optional.of(error));
    }

    private static RollbackResult result(
            Migration migration, RollbackResult.Status status, List<String> differences, Optional<String> error) {
        return new RollbackResult(
                migration.version().text(), migration.name(), migration.upSource(), status, differences, error);
    }
}
