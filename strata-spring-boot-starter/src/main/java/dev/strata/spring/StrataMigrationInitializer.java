package dev.strata.spring;

import dev.strata.Strata;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs the migration strategy when the context creates this bean. Spring Boot's database
 * initialization ordering ({@link StrataDatabaseInitializerDetector}) creates it before every bean
 * that depends on the database being initialized: JPA's EntityManagerFactory, JdbcTemplate, R2DBC
 * and anything marked {@code @DependsOnDatabaseInitialization}.
 */
public final class StrataMigrationInitializer implements InitializingBean {

    private final Strata strata;
    private final StrataMigrationStrategy strategy;

    public StrataMigrationInitializer(Strata strata, StrataMigrationStrategy strategy) {
        this.strata = strata;
        this.strategy = strategy;
    }

    @Override
    public void afterPropertiesSet() {
        strategy.migrate(strata);
    }
}
