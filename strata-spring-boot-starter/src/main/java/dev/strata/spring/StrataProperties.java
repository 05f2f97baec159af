package dev.strata.spring;

import dev.strata.config.LintGate;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code strata.*} properties. Anything not set here comes from the project's strata.toml, as
 * on the command line; the database is always the application's DataSource.
 *
 * @param enabled        run strata at start-up (default true); false leaves the database alone
 * @param dir            the migrations folder: {@code classpath:db/migration} (the default) or a
 *                       path on disk
 * @param environment    the strata.toml environment whose settings apply
 * @param historyTable   the history table, when not {@code strata_history}
 * @param lint           {@code on} (the default: refuse on an error finding), {@code strict}
 *                       (warnings refuse too) or {@code off} (findings are not checked at start-up;
 *                       run {@code strata lint} in the build instead)
 * @param failOnPending  validate only, never migrate: start-up fails while a migration is pending.
 *                       The production-safe choice when a separate step migrates.
 * @param outOfOrder     also apply pending migrations below the highest applied version
 * @param contract       also apply the contract halves of expand/contract pairs whose expand an
 *                       earlier start applied, as {@code migrate --contract} does: set it for the
 *                       deployment after every running instance uses the new column
 */
@ConfigurationProperties("strata")
public record StrataProperties(
        Boolean enabled,
        String dir,
        String environment,
        String historyTable,
        LintGate lint,
        Boolean failOnPending,
        Boolean outOfOrder,
        Boolean contract) {

    public StrataProperties {
        enabled = enabled == null || enabled;
        dir = dir == null || dir.isBlank() ? "classpath:db/migration" : dir;
        lint = lint == null ? LintGate.ON : lint;
        failOnPending = failOnPending != null && failOnPending;
        outOfOrder = outOfOrder != null && outOfOrder;
        contract = contract != null && contract;
    }
}
