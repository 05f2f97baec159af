package dev.strata.spring;

import dev.strata.Strata;
import dev.strata.engine.MigrateOptions;
import dev.strata.engine.MigrationState;
import dev.strata.engine.StatusReport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Migrates the application's DataSource at start-up, before anything that reads it, the way Spring
 * Boot runs Flyway. Named by class name only, so that one jar serves Boot 3.5 (where the DataSource
 * and JPA auto-configurations live in spring-boot-autoconfigure) and Boot 4 (spring-boot-jdbc,
 * spring-boot-hibernate).
 *
 * <p>It never skips in silence: with {@code strata.enabled} left true, an application without a
 * DataSource, without its migrations folder, or on a database strata doesn't speak fails to start,
 * saying which.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
        },
        beforeName = {
            "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
        })
@ConditionalOnClass(Strata.class)
@ConditionalOnProperty(prefix = "strata", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(StrataProperties.class)
public class StrataAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Strata strata(
            StrataProperties properties,
            ObjectProvider<DataSource> dataSources,
            ObjectProvider<StrataConfigurationCustomizer> customizers,
            ResourceLoader resourceLoader) {
        DataSource dataSource = dataSources.getIfUnique(() -> {
            throw new IllegalStateException(
                    dataSources.stream().findAny().isPresent()
                            ? "strata found several DataSources and none is @Primary: mark the one to migrate @Primary,"
                                    + " or set strata.enabled=false"
                            : "strata is on the classpath but the application has no DataSource: add spring-boot-starter-jdbc"
                                    + " and spring.datasource.url, or set strata.enabled=false to start without strata");
        });
        Path migrations = MigrationsFolder.resolve(properties.dir(), resourceLoader);
        Strata.Builder builder = Strata.configure()
                .projectDir(Path.of("").toAbsolutePath())
                .dataSource(dataSource)
                .migrations(migrations)
                .lint(properties.lint())
                // No run log by default: an application's working folder may be read-only, an image layer or
                // shared by replicas. A StrataConfigurationCustomizer turns it on: builder.runLog(Optional.of(path)).
                .runLog(Optional.empty())
                // Before the customizers, so that one of them may set a listener of its own instead.
                .listener(new StrataLogListener());
        Optional.ofNullable(properties.environment()).ifPresent(builder::environment);
        Optional.ofNullable(properties.historyTable()).ifPresent(builder::historyTable);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.load();
    }

    @Bean
    @ConditionalOnMissingBean
    StrataMigrationStrategy strataMigrationStrategy(StrataProperties properties) {
        if (properties.failOnPending()) {
            return StrataAutoConfiguration::refuseIfPending;
        }
        MigrateOptions options = new MigrateOptions(
                Optional.empty(), false, properties.outOfOrder(), Optional.empty(), properties.contract());
        return strata -> strata.migrate(options);
    }

    @Bean
    StrataMigrationInitializer strataMigrationInitializer(Strata strata, StrataMigrationStrategy strategy) {
        return new StrataMigrationInitializer(strata, strategy);
    }

    private static void refuseIfPending(Strata strata) {
        StatusReport status = strata.status();
        long pending = status.count(MigrationState.PENDING);
        if (pending > 0) {
            throw new PendingMigrationsException(
                    pending + (pending == 1 ? " migration is" : " migrations are")
                            + " pending on " + status.database() + " and strata.fail-on-pending is true: "
                            + status.migrations().stream()
                                    .filter(m -> m.state() == MigrationState.PENDING)
                                    .map(m -> m.version().text() + " " + m.name())
                                    .collect(Collectors.joining(", "))
                            + ". Apply them with 'strata migrate' first, or let the application migrate (strata.fail-on-pending=false).");
        }
        if (!strata.validate(false).ok()) {
            throw new IllegalStateException(
                    "strata validate found problems on " + status.database() + "; run 'strata validate' to list them");
        }
    }

    /** The actuator endpoint, when the actuator is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class Actuator {

        @Bean
        @ConditionalOnMissingBean
        StrataEndpoint strataEndpoint(Strata strata) {
            return new StrataEndpoint(strata);
        }
    }
}
