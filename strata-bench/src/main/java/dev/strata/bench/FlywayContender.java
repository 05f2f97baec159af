package dev.strata.bench;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Flyway through its Java API. The generated files are named {@code 0001_name.sql}, which Flyway
 * reads as versioned migrations once its prefix is empty and its separator is {@code _}.
 */
public final class FlywayContender implements Contender {

    @Override
    public String name() {
        return "flyway";
    }

    @Override
    public String version() {
        return "Flyway " + Versions.of("org.flywaydb", "flyway-core");
    }

    @Override
    public void migrate(Target target, MigrationSet set) {
        flyway(target, set).migrate();
    }

    @Override
    public int status(Target target, MigrationSet set) {
        return flyway(target, set).info().applied().length;
    }

    @Override
    public boolean validate(Target target, MigrationSet set) {
        ValidateResult result = flyway(target, set).validateWithResult();
        return result.validationSuccessful;
    }

    static Flyway flyway(Target target, MigrationSet set) {
        return Flyway.configure()
                .dataSource(target.jdbcUrl(), target.user(), target.password())
                .locations("filesystem:" + set.dir())
                .sqlMigrationPrefix("")
                .sqlMigrationSeparator("_")
                .loggers("slf4j")
                .cleanDisabled(true)
                .load();
    }
}
