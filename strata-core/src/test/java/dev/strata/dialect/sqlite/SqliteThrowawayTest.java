package dev.strata.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.DatabaseUrls;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.ThrowawayDatabase;
import dev.strata.engine.MigrationState;
import dev.strata.schema.Schema;
import dev.strata.testing.Jdbc;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteThrowawayTest {

    private static final Path D1_APP =
            Path.of("..", "examples", "d1-app").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final Dialect dialect = SqliteDialect.INSTANCE;

    private static Strata strata(Path project, String url) {
        return Strata.configure()
                .projectDir(project)
                // The examples folder is the user's: no run log written into it.
                .runLog(Optional.empty())
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    @Test
    void theD1ExampleMigratesIntoAThrowawayThatIsGoneOnceClosed() {
        DatabaseUrl server = DatabaseUrls.parse("sqlite:app.db", dir);
        String url;
        Schema inMemory;
        try (ThrowawayDatabase throwaway = dialect.createThrowaway(server)) {
            url = throwaway.url().display();
            assertThat(throwaway.url().sqliteFile()).as("nothing on disk").isEmpty();
            assertThat(SqliteFiles.schema(url).isEmpty()).as("it starts empty").isTrue();

            // Each call opens and closes its own sessions (a read-only one, then a writer).
            assertThat(strata(D1_APP, url).migrate().applied()).hasSize(3);
            assertThat(strata(D1_APP, url).status().count(MigrationState.APPLIED))
                    .isEqualTo(3);
            inMemory = SqliteFiles.schema(url);
        }
        assertThat(server.sqliteFile().orElseThrow())
                .as("the project's own file is left alone")
                .doesNotExist();
        Path file = dir.resolve("on-disk.db");
        strata(D1_APP, "sqlite:" + file).migrate();
        assertThat(inMemory)
                .as("the same schema as the migrations give on a file")
                .isEqualTo(SqliteFiles.schema(file));
        assertThat(inMemory.tables()).hasSize(3);

        assertThat(Jdbc.count(url, "SELECT count(*) FROM sqlite_schema"))
                .as("opening the name again finds a new, empty database: the old one is gone")
                .isZero();
    }

    @Test
    void eachThrowawayIsADatabaseOfItsOwn() {
        DatabaseUrl server = DatabaseUrls.parse("sqlite:app.db", dir);
        try (ThrowawayDatabase first = dialect.createThrowaway(server);
                ThrowawayDatabase second = dialect.createThrowaway(server)) {
            assertThat(first.url()).isNotEqualTo(second.url());
            Jdbc.execute(first.url().display(), "CREATE TABLE only_in_first (id INTEGER)");

            assertThat(SqliteFiles.schema(first.url().display()).tables()).hasSize(1);
            assertThat(SqliteFiles.schema(second.url().display()).isEmpty()).isTrue();
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        ThrowawayDatabase throwaway = dialect.createThrowaway(DatabaseUrls.parse("sqlite:app.db", dir));
        Jdbc.execute(throwaway.url().display(), "CREATE TABLE t (id INTEGER)");
        throwaway.close();
        throwaway.close();

        assertThat(Jdbc.count(throwaway.url().display(), "SELECT count(*) FROM sqlite_schema"))
                .isZero();
    }
}
