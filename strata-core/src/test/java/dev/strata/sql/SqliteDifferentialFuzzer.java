package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Coverage-guided differential fuzzing of the SQLite splitter against SQLite's tokenizer (Jazzer):
 * whatever the bytes, each comment and string strata finds in a statement it accepts must hold a
 * probe that SQLite does not see as code ({@link ProbeOracle}, inside probes only, which are sound on
 * invalid SQL too). Statements that hold a {@code !} themselves are skipped, since the probe is one.
 */
class SqliteDifferentialFuzzer {

    private static Connection sqlite;

    private static final ProbeOracle.EngineParser ENGINE = new ProbeOracle.EngineParser() {
        @Override
        public String probe() {
            return "!";
        }

        @Override
        public boolean reportsProbe(String sql, int probeAt) throws SQLException {
            try (PreparedStatement ignored = connection().prepareStatement(sql)) {
                return false;
            } catch (SQLException e) {
                return String.valueOf(e.getMessage()).contains("unrecognized token: \"!\"");
            }
        }
    };

    private static synchronized Connection connection() throws SQLException {
        if (sqlite == null) {
            sqlite = DriverManager.getConnection("jdbc:sqlite::memory:");
        }
        return sqlite;
    }

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        SqlScript script;
        try {
            script = SqliteSplitter.INSTANCE.split("fuzz.sql", text);
        } catch (SqlSyntaxException refused) {
            return;
        }
        for (Statement statement : script.statements()) {
            if (statement.sql().indexOf('!') >= 0) {
                continue;
            }
            assertThat(ProbeOracle.disagreements(ENGINE, SqliteSyntax.INSTANCE.lexerOptions(), statement.sql(), false))
                    .as("SQLite reads %s", ProbeOracle.escape(statement.sql()))
                    .isEmpty();
        }
    }
}
