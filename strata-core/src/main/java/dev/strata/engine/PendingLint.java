package dev.strata.engine;

import dev.strata.dialect.Database;
import dev.strata.lint.LintReport;
import dev.strata.source.Migration;
import java.util.List;
import java.util.Set;

/**
 * The analysis that judges pending migrations before {@code migrate} runs them, and that
 * {@code strata lint --pending} prints: one verdict for both. Strata's is the shadow lint, which
 * also looks at the rows on the database; this package only knows the statements.
 */
@FunctionalInterface
public interface PendingLint {

    /**
     * @param files   every migration of the folder, in the order they run
     * @param pending the migrations about to run
     * @param live    a read-only session on the database they will run on
     */
    LintReport lint(List<Migration> files, Set<Migration> pending, Database live);
}
