package dev.strata.engine;

import dev.strata.dialect.Database;
import dev.strata.sql.RunMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Why the pending migrations can't be applied in one transaction ({@code migrate
 * --single-transaction}), checked while planning so that a refused run changes nothing.
 */
final class SingleTransaction {

    private static final String INSTEAD = "run migrate without --single-transaction (and without [migrations]"
            + " single_transaction = true), or apply the migrations before it in a run of their own first";

    private SingleTransaction() {}

    /** Every reason, one sentence each naming the file; empty when the whole run can be one transaction. */
    static List<String> refusals(List<PlannedMigration> steps, Database db) {
        List<String> reasons = new ArrayList<>();
        db.singleTransactionRefusal().ifPresent(reasons::add);
        for (PlannedMigration step : steps) {
            var script = step.script();
            if (!script.transactional()) {
                reasons.add(script.source() + ": --single-transaction applies every pending migration in one"
                        + " transaction, but " + whyOutside(step) + ", so it can't share one; " + INSTEAD
                        + ".");
            } else if (script.foreignKeysOff()) {
                reasons.add(script.source() + ": --single-transaction applies every pending migration in one"
                        + " transaction, but '-- strata:foreign-keys off' takes effect only between transactions"
                        + " (and would leave the keys of every other migration unenforced); " + INSTEAD + ".");
            }
        }
        return reasons;
    }

    /** The file's own opt-out, or what RunMode detected in its statements. */
    private static String whyOutside(PlannedMigration step) {
        RunMode detected = RunMode.of(step.script().source(), step.script().statements(), false);
        return detected.transactional()
                ? "it is marked to run outside a transaction (-- strata:no-transaction, or SQLx's or dbmate's"
                        + " opt-out)"
                : detected.why();
    }
}
