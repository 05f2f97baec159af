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
    void aPatternThatMatchesNoSchemaIsRefused() throws IOException {
        assertThatThrownBy(() -> fleet("""
                        [[target]]
                        url = "%s"
                        schema = "customer_*"
                        """.formatted(url)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("fleet.toml:3: schema = \"customer_*\" matches no schema of " + url)
                .hasMessageContaining("billing, public, tenant_01");
    }

    @Test
    void driftAndCheckJudgeEachSchemaAloneSoOnlyTheDriftedTenantsAreReported() throws IOException {
        Fleet fleet = fleet("""
                [[target]]
                url = "%s"
                schema = "tenant_0?"
                """.formatted(url));
        assertThat(fleet.targets()).hasSize(9);
        FleetRunOptions options = new FleetRunOptions(3, false, 0, false, Optional.empty());
        assertThat(fleet.run(
                                FleetCommand.migrate(MigrateOptions.defaults(), Confirmation.NOBODY_TO_ASK),
                                options,
                                FleetListener.SILENT)
                        .ok())
                .isTrue();
        // Objects of other schemas are no tenant's drift: another schema's table, and the other tenants'.
        Jdbc.execute(url, "CREATE TABLE billing.invoices (id INT PRIMARY KEY); CREATE TABLE public.stray (id INT)");

        FleetReport clean = fleet.run(FleetCommand.drift(), options, FleetListener.SILENT);
        assertThat(clean.results())
                .allSatisfy(result -> assertThat(result.ok())
                        .as(result.target() + ": " + result.message())
                        .isTrue());
        assertThat(fleet.run(FleetCommand.check(), options, FleetListener.SILENT)
                        .ok())
                .isTrue();

        // By hand: tenant_04 gets a column no migration made, tenant_06 loses an index.
        Jdbc.execute(url, "ALTER TABLE tenant_04.users ADD COLUMN note TEXT; DROP INDEX tenant_06.users_email");

        FleetReport drift = fleet.run(FleetCommand.drift(), options, FleetListener.SILENT);
        assertThat(failed(drift)).containsExactly(url + "#tenant_04", url + "#tenant_06");
        assertThat(drift.results().get(3).message())
                .hasValueSatisfying(message -> assertThat(message).contains("note"));
        assertThat(drift.results().get(5).message())
                .hasValueSatisfying(message -> assertThat(message).contains("users_email"));
        assertThat(drift.results().get(3).failed()).hasValue(1);

        // check looks for what the migrations made and is gone: the dropped index, not the extra column.
        FleetReport check = fleet.run(FleetCommand.check(), options, FleetListener.SILENT);
        assertThat(failed(check)).containsExactly(url + "#tenant_06");
        assertThat(check.results().get(5).message())
                .hasValueSatisfying(message -> assertThat(message).contains("index users_email is missing"));
    }

    private static java.util.List<String> failed(FleetReport report) {
        return report.results().stream()
                .filter(result -> !result.ok())
                .map(TargetResult::target)
                .toList();
    }
}
