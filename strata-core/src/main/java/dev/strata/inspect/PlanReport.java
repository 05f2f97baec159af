package dev.strata.inspect;

import dev.strata.dialect.ExecutableScript;
import dev.strata.lint.Finding;
import dev.strata.schema.SchemaChange;
import dev.strata.source.Migration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code migrate} would do, computed on a shadow database: each pending migration, the
 * statements it runs and the schema changes they make.
 *
 * @param database the database as named to people
 * @param steps    the pending migrations in the order migrate applies them
 * @param findings what migrate's lint gate finds in them
 * @param refusal  why migrate would refuse to run them, in one sentence; empty when it would run them
 */
public record PlanReport(String database, List<Step> steps, List<Finding> findings, Optional<String> refusal) {

    public PlanReport {
        Objects.requireNonNull(database, "database");
        steps = List.copyOf(steps);
        findings = List.copyOf(findings);
        Objects.requireNonNull(refusal, "refusal");
    }

    public PlanReport(String database, List<Step> steps) {
        this(database, steps, List.of(), Optional.empty());
    }

    /** One pending migration: its prepared script and what it changes. */
    public record Step(Migration migration, ExecutableScript script, List<SchemaChange> changes) {
        public Step {
            Objects.requireNonNull(migration, "migration");
            Objects.requireNonNull(script, "script");
            changes = List.copyOf(changes);
        }
    }
}
