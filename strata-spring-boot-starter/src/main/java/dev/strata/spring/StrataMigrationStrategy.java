package dev.strata.spring;

import dev.strata.Strata;

/**
 * What strata does at start-up. A bean of this type replaces the default (migrate, or with
 * {@code strata.fail-on-pending}, refuse to start while a migration is pending), e.g. to migrate
 * from one replica only:
 *
 * <pre>{@code
 * @Bean
 * StrataMigrationStrategy leaderOnly(Leadership leadership) {
 *     return strata -> { if (leadership.isLeader()) strata.migrate(); else strata.validate(false); };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface StrataMigrationStrategy {

    void migrate(Strata strata);
}
