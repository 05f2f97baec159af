package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.junit.StrataTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StrataTest(migrations = "migrations")
class AppTest {

    @Test
    void theApiMigratesANewDatabase(@TempDir Path dir) {
        assertEquals(1, App.migrate(Path.of("").toAbsolutePath(), "sqlite:" + dir.resolve("app.db")).applied().size());
    }

    @Test
    void theExtensionHandsOutAMigratedDatabase(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO users (email) VALUES ('a@example.com')");
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM users")) {
                rows.next();
                assertEquals(1, rows.getInt(1));
            }
        }
    }
}
