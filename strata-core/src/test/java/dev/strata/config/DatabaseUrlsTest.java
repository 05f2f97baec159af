package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.DatabaseUrl.Engine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseUrlsTest {

    @TempDir
    Path project;

    private DatabaseUrl parse(String url) {
        return DatabaseUrls.parse(url, project);
    }

    @Test
    void sqliteRelativePathResolvesAgainstProject() {
        DatabaseUrl url = parse("sqlite:data/dev.db");
        Path file = project.resolve("data/dev.db").toAbsolutePath().normalize();
        assertThat(url.engine()).isEqualTo(Engine.SQLITE);
        assertThat(url.sqliteFile()).contains(file);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:" + file);
        assertThat(url.display()).isEqualTo("sqlite:data/dev.db");
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEmpty();
    }

    @Test
    void sqliteAbsolutePathIsKept(@TempDir Path elsewhere) {
        Path file = elsewhere.resolve("app.db").toAbsolutePath();
        assertThat(parse("sqlite:" + file).sqliteFile()).contains(file);
    }

    @Test
    void jdbcSqliteForm() {
        DatabaseUrl url = parse("jdbc:sqlite:dev.db");
        assertThat(url.sqliteFile())
                .contains(project.resolve("dev.db").toAbsolutePath().normalize());
        assertThat(url.display()).isEqualTo("jdbc:sqlite:dev.db");
    }

    @Test
    void sqliteInMemory() {
        for (String form : List.of("sqlite::memory:", "jdbc:sqlite::memory:")) {
            DatabaseUrl url = parse(form);
            assertThat(url.engine()).isEqualTo(Engine.SQLITE);
            assertThat(url.sqliteFile()).isEmpty();
            assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite::memory:");
        }
    }

    @Test
    void sqliteNamedInMemoryDatabaseUsesTheSharedMemoryFileSystem() {
        for (String form : List.of("sqlite::memory:scratch-1.a_b", "jdbc:sqlite::memory:scratch-1.a_b")) {
            DatabaseUrl url = parse(form);
            assertThat(url.engine()).isEqualTo(Engine.SQLITE);
            assertThat(url.sqliteFile()).as("nothing on disk").isEmpty();
            assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:file:/scratch-1.a_b?vfs=memdb");
            assertThat(url.display()).isEqualTo(form);
        }
        assertThat(parse("sqlite::memory:scratch?busy_timeout=100").jdbcUrl())
                .isEqualTo("jdbc:sqlite:file:/scratch?vfs=memdb&busy_timeout=100");
    }

    @Test
    void sqliteNamedInMemoryDatabaseRefusesNamesThatCouldEscapeIt() {
        for (String form : List.of("sqlite::memory:a/b", "sqlite::memory:a b", "sqlite::memory:x&vfs=unix")) {
            assertThatThrownBy(() -> parse(form))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("the name of an in-memory database may hold only letters, digits");
        }
    }

    @Test
    void d1LocalErrorNeverQuotesAPasswordTypedIntoTheUrl() {
        // The project folder has no wrangler config, so parsing fails and the message quotes the URL.
        assertThatThrownBy(() -> parse("d1-local:DB?password=Hunter2secret"))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("Hunter2secret"));
    }

    @Test
    void sqliteQueryIsPassedThroughButNotPartOfTheFile() {
        DatabaseUrl url = parse("sqlite:dev.db?journal_mode=WAL");
        assertThat(url.sqliteFile())
                .contains(project.resolve("dev.db").toAbsolutePath().normalize());
        assertThat(url.jdbcUrl()).endsWith("dev.db?journal_mode=WAL");
    }

    @Test
    void sqliteWithoutFileOrWithSlashesIsRejected() {
        assertThatThrownBy(() -> parse("sqlite:"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("names no file");
        assertThatThrownBy(() -> parse("sqlite://dev.db"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("without '//'");
    }

    @Test
    void postgresWithEverything() {
        DatabaseUrl url = parse("postgres://app:s3cret@db.example.com:5433/appdb?sslmode=require&connectTimeout=5");
        assertThat(url.engine()).isEqualTo(Engine.POSTGRES);
        assertThat(url.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example.com:5433/appdb?sslmode=require&connectTimeout=5");
        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains("s3cret");
        assertThat(url.sqliteFile()).isEmpty();
        assertThat(url.display())
                .isEqualTo("postgres://app:***@db.example.com:5433/appdb?sslmode=require&connectTimeout=5");
        assertThat(url.toString()).doesNotContain("s3cret");
    }

    @Test
    void postgresqlSchemeAndNoCredentials() {
        DatabaseUrl url = parse("postgresql://localhost/app");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/app");
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEmpty();
        assertThat(url.display()).isEqualTo("postgresql://localhost/app");
    }

    @Test
    void userWithoutPassword() {
        DatabaseUrl url = parse("postgres://app@localhost/app");
        assertThat(url.user()).contains("app");
        assertThat(url.password()).isEmpty();
        assertThat(url.display()).isEqualTo("postgres://app@localhost/app");
    }

    @Test
    void userAndPasswordArePercentDecoded() {
        DatabaseUrl url = parse("postgres://us%40er:p%40ss%2Fw%3Ard+x%C3%A9@localhost/app");
        assertThat(url.user()).contains("us@er");
        assertThat(url.password()).contains("p@ss/w:rd+xé");
        assertThat(url.display()).isEqualTo("postgres://us%40er:***@localhost/app");
    }

    @Test
    void ipv6Host() {
        assertThat(parse("postgres://[::1]:5432/app").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/app");
    }

    @Test
    void jdbcPostgresCredentialsMoveOutOfTheQuery() {
        DatabaseUrl url = parse("jdbc:postgresql://db:5432/app?user=app&ssl=true&password=p%26w");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app?ssl=true");
        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains("p&w");
        assertThat(url.display()).isEqualTo("jdbc:postgresql://db:5432/app?user=app&ssl=true&password=***");
    }

    @Test
    void passwordOnlyParameter() {
        DatabaseUrl url = parse("postgres://app@db/app?password=hunter2");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/app");
        assertThat(url.display()).isEqualTo("postgres://app@db/app?password=***");
    }

    @Test
    void credentialsGivenTwiceAreRejected() {
        assertThatThrownBy(() -> parse("postgres://a:hunter2@db/app?password=hunter3"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("password twice")
                .hasMessageNotContaining("hunter");
    }

    @Test
    void emptyUrl() {
        for (String empty : new String[] {"", "   ", null}) {
            assertThatThrownBy(() -> parse(empty))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("database URL is empty");
        }
    }

    @Test
    void unknownScheme() {
        assertThatThrownBy(() -> parse("mysql://root:hunter2@localhost/app"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unsupported database URL 'mysql://root:***@localhost/app': strata supports sqlite:PATH, "
                        + "d1-local:BINDING, d1:BINDING, d1://ACCOUNT_ID/DATABASE_ID and postgres://USER@HOST/DB");
        assertThatThrownBy(() -> parse("dev.db")).hasMessageContaining("unsupported database URL 'dev.db'");
    }

    @Test
    void postgresWithoutDatabaseOrHost() {
        assertThatThrownBy(() -> parse("postgres://app:hunter2@db.example.com"))
                .hasMessageContaining("names no database")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> parse("postgres://app:hunter2@db.example.com/"))
                .hasMessageContaining("names no database");
        assertThatThrownBy(() -> parse("postgres://app:hunter2@/app"))
                .hasMessageContaining("names no host")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> parse("postgres:///app")).hasMessageContaining("names no host");
        assertThatThrownBy(() -> parse("jdbc:postgresql:app")).hasMessageContaining("has no '//' before the host");
    }

    @Test
    void badPort() {
        for (String port : List.of("x", "0", "65536", "", "99999999999")) {
            assertThatThrownBy(() -> parse("postgres://app:hunter2@db:" + port + "/app"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("bad port")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void unencodedSpecialCharactersInPasswordNeverLeak() {
        for (String url : List.of(
                "postgres://app:hun/ter2@db/app",
                "postgres://app:hun?ter2@db/app",
                "postgres://app:5432/hunter2@db/app",
                "postgres://app:hunter2%zz@db/app")) {
            assertThatThrownBy(() -> parse(url))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageNotContaining("hunter2")
                    .hasMessageNotContaining("ter2");
        }
    }

    /** URLs whose '//' is missing or misplaced: no telling where the password is, so none of it is shown. */
    @Test
    void aPasswordInAMalformedUrlIsNeverQuoted() {
        for (String url : List.of(
                "postgres:app:hunter2@db/app",
                "postgresql:app:hunter2@db/app",
                "jdbc:postgresql:app:hunter2@db/app",
                "postgresql//app:hunter2@db/app",
                "postgres//app:hunter2@db",
                "jdbc:postgresql:app:hunter2@db:5432/app?sslmode=require",
                "mysql:app:hunter2@db/app")) {
            assertThatThrownBy(() -> parse(url))
                    .as(url)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageNotContaining("hunter2")
                    .hasMessageNotContaining("ter2");
            assertThat(DatabaseUrls.redact(url)).as(url).doesNotContain("hunter2");
        }
    }

    @Test
    void passwordLikeParametersAreHiddenWhateverTheirNameOrContent() {
        assertThat(parse("postgres://app@db/app?sslpassword=hunter2&sslmode=require")
                        .display())
                .isEqualTo("postgres://app@db/app?sslpassword=***&sslmode=require");
        assertThat(parse("sqlite:app.db?password=hunter2").display()).isEqualTo("sqlite:app.db?password=***");
        assertThat(parse("sqlite:app.db?cipher=sqlcipher&key=x&password=hunter2")
                        .display())
                .doesNotContain("hunter2");
        // An unencoded '&' inside the password: the rest of it is still the password, up to the next name=.
        DatabaseUrl amp = parse("postgres://app@db/app?password=hun&ter2&sslmode=require");
        assertThat(amp.display()).isEqualTo("postgres://app@db/app?password=***&sslmode=require");
        assertThat(amp.password()).contains("hun&ter2");
        assertThat(amp.jdbcUrl()).doesNotContain("ter2");
    }

    @Test
    void redactHidesBothPlaces() {
        assertThat(DatabaseUrls.redact("postgres://a:b@h/d?password=c&x=1"))
                .isEqualTo("postgres://a:***@h/d?password=***&x=1");
        assertThat(DatabaseUrls.redact("postgres://h/d?application_name=a@b"))
                .isEqualTo("postgres://h/d?application_name=a@b");
        assertThat(DatabaseUrls.redact("sqlite:dev.db")).isEqualTo("sqlite:dev.db");
    }

    @Test
    void displayOfQueryWithAtSignIsUntouched() {
        assertThat(parse("postgres://db:5432/app?application_name=me@laptop").display())
                .isEqualTo("postgres://db:5432/app?application_name=me@laptop");
    }
}
