package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    private static DatabaseUrl parse(String url) {
        return DatabaseUrls.parse(url, Path.of("."));
    }

    @Test
    void withDatabaseKeepsServerCredentialsAndParameters() {
        DatabaseUrl url = parse("postgres://app:s3cret@db.example.com:5433/appdb?sslmode=require");

        DatabaseUrl shadow = url.withDatabase("strata_shadow_1a2b");

        assertThat(shadow.engine()).isEqualTo(DatabaseUrl.Engine.POSTGRES);
        assertThat(shadow.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example.com:5433/strata_shadow_1a2b?sslmode=require");
        assertThat(shadow.user()).contains("app");
        assertThat(shadow.password()).contains("s3cret");
        assertThat(shadow.display())
                .isEqualTo("postgres://app:***@db.example.com:5433/strata_shadow_1a2b?sslmode=require");
        assertThat(shadow.toString()).isEqualTo(shadow.display());
        assertThat(url.jdbcUrl()).endsWith("/appdb?sslmode=require");
    }

    @Test
    void thePasswordStaysHiddenWhateverFormTheUrlHad() {
        for (String form : new String[] {
            "postgresql://app:p%2Fw@localhost/appdb",
            "jdbc:postgresql://localhost/appdb?user=app&password=s3cret",
            "postgres://localhost/appdb?password=s3cret&user=app"
        }) {
            DatabaseUrl shadow = parse(form).withDatabase("other");
            assertThat(shadow.display())
                    .as(form)
                    .contains("/other")
                    .doesNotContain("s3cret")
                    .doesNotContain("p%2Fw")
                    .doesNotContain("p/w");
            assertThat(shadow.toString()).as(form).isEqualTo(shadow.display());
            assertThat(shadow.jdbcUrl()).as(form).doesNotContain("s3cret").contains("localhost/other");
            assertThat(shadow.password()).as(form).isPresent();
        }
    }

    @Test
    void inSchemaMakesTheSchemaTheSearchPathAndKeepsThePasswordApart() {
        DatabaseUrl url = parse("postgres://app:s3cret@db.example.com/saas?sslmode=require");

        DatabaseUrl tenant = url.inSchema("tenant_07");

        assertThat(tenant.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example.com/saas?sslmode=require&currentSchema=tenant_07");
        assertThat(tenant.display())
                .isEqualTo("postgres://app:***@db.example.com/saas?sslmode=require&currentSchema=tenant_07");
        assertThat(tenant.password()).contains("s3cret");
        assertThat(parse("postgres://app@localhost/saas").inSchema("odd name,x").jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost/saas?currentSchema=odd%20name%2Cx");
        assertThatThrownBy(() -> parse("sqlite:dev.db").inSchema("x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PostgreSQL");
    }

    @Test
    void namesThatNeedItArePercentEncoded() {
        DatabaseUrl shadow = parse("postgres://app@localhost/appdb").withDatabase("my db/1");
        assertThat(shadow.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/my%20db%2F1");
    }

    @Test
    void sqliteUrlsHaveNoOtherDatabases() {
        assertThatThrownBy(() -> parse("sqlite:dev.db").withDatabase("x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PostgreSQL");
    }
}
