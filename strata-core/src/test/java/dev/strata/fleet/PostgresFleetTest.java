package dev.strata.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.ConfigurationException;
import dev.strata.engine.MigrateOptions;
import dev.strata.environments.Confirmation;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One PostgreSQL database with a schema per tenant: {@code schema = "tenant_*"} makes each matching
 * schema a target with its own history, its migrations run with that schema as the search path.
 */
class PostgresFleetTest {

    private static final int TENANTS = 50;

    @TempDir
    Path project;

    String url;

    @BeforeEach
    void database() throws IOException {
        url = PostgresServer.newDatabaseUrl();
        StringBuilder schemas = new StringBuilder();
        for (int i = 1; i <= TENANTS; i++) {
            schemas.append("CREATE SCHEMA tenant_%02d;".formatted(i));
        }
        schemas.append("CREATE SCHEMA billing;");
        Jdbc.execute(url, schemas.toString());
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                project.resolve("migrations/0001_users.sql"), "CREATE TABLE users (id INT PRIMARY KEY, email TEXT);");
        Files.writeString(project.resolve("migrations/0002_email.sql"), "CREATE INDEX users_email ON users (email);");
    }

    private Fleet fleet(String toml) throws IOException {
        return fleet(toml, Map.of());
    }

    private Fleet fleet(String toml, Map<String, String> variables) throws IOException {
        Files.writeString(project.resolve("fleet.toml"), toml);
        return Strata.configure()
                .projectDir(project)
                .environmentVariables(variables)
                .fleet(Path.of("fleet.toml"));
    }

    @Test
    void fiftySchemasOfOneDatabaseEachGetTheirOwnTablesAndHistory() throws IOException {
        // One tenant already has a users table of its own: only that schema fails.
        Jdbc.execute(url, "CREATE TABLE tenant_17.users (other TEXT)");
        Fleet fleet = fleet("""
                [[target]]
                url = "${env.SAAS_URL}"
                schema = "tenant_*"
                """, Map.of("SAAS_URL", url));
        assertThat(fleet.targets()).hasSize(TENANTS);
        assertThat(fleet.targets().get(0).name()).isEqualTo(url + "#tenant_01");

        FleetReport report = fleet.run(
                FleetCommand.migrate(MigrateOptions.defaults(), Confirmation.NOBODY_TO_ASK),
                new FleetRunOptions(4, false, 0, false, Optional.empty()),
                FleetListener.SILENT);

        assertThat(report.count(TargetResult.Outcome.OK)).isEqualTo(TENANTS - 1);
        assertThat(report.results().get(16).target()).endsWith("#tenant_17");
        assertThat(report.results().get(16).outcome()).isEqualTo(TargetResult.Outcome.FAILED);
        assertThat(SqliteFleetTest.overlapping(report.results())).isTrue();
        assertThat(Jdbc.count(url, "SELECT count(*) FROM pg_tables WHERE tablename = 'users'"))
                .as("one users table per tenant (tenant_17's own)")
                .isEqualTo(TENANTS);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email'"))
                .isEqualTo(TENANTS - 1);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM tenant_03.strata_history"))
                .isEqualTo(2);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM pg_tables WHERE schemaname IN ('public', 'billing')"))
                .as("nothing outside the tenants' schemas")
                .isZero();

        FleetReport status = fleet.run(
                FleetCommand.status(), new FleetRunOptions(4, false, 0, false, Optional.empty()), FleetListener.SILENT);
        assertThat(status.results().get(0).applied()).hasValue(2);
        assertThat(status.results().get(16).pending()).hasValue(2);
    }

    @Test
    void anEnvironmentTargetTakesItsUrlFromStrataTomlAndItsSchemasFromTheCatalog() throws IOException {
        Files.writeString(project.resolve("strata.toml"), """
                [environments.saas]
                url = "${env.SAAS_URL}"
                """);
        Files.writeString(project.resolve("fleet.toml"), """
                [[target]]
                env = "saas"
                schema = "tenant_4?"
                """);
        Fleet fleet = Strata.configure()
                .projectDir(project)
                .environmentVariables(Map.of("SAAS_URL", url))
                .fleet(Path.of("fleet.toml"));
        assertThat(fleet.targets())
                .extracting(FleetTarget::name)
                .startsWith("env:saas#tenant_40", "env:saas#tenant_41");
        assertThat(fleet.targets()).hasSize(10);

        FleetReport report = fleet.run(
                FleetCommand.migrate(MigrateOptions.defaults(), Confirmation.NOBODY_TO_ASK),
                new FleetRunOptions(2, false, 0, false, Optional.empty()),
                FleetListener.SILENT);

        assertThat(report.ok()).isTrue();
        assertThat(Jdbc.count(url, "SELECT count(*) FROM tenant_45.strata_history"))
                .isEqualTo(2);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM pg_tables WHERE tablename = 'users'"))
                .isEqualTo(10);
    }

    @Test
    void aPatternThatMatchesNoSchemaOrAWholeCatalogCommandIsRefused() throws IOException {
        assertThatThrownBy(() -> fleet("""
                        [[target]]
                        url = "%s"
                        schema = "customer_*"
                        """.formatted(url)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("fleet.toml:3: schema = \"customer_*\" matches no schema of " + url)
                .hasMessageContaining("billing, public, tenant_01");
        Fleet fleet = fleet("""
                [[target]]
                url = "%s"
                schema = "tenant_0?"
                """.formatted(url));
        assertThat(fleet.targets()).hasSize(9);
        assertThatThrownBy(() -> fleet.run(FleetCommand.drift(), FleetRunOptions.defaults(), FleetListener.SILENT))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("fleet.toml:2: drift compares the whole database's catalog");
    }
}
