package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the SQLite splitter against SQLite's own tokenizer, reached through the
 * JDBC driver strata runs statements with: each statement strata produces is prepared (never run)
 * with probes planted where strata says code, comments and strings begin and end ({@link ProbeOracle}).
 * The driver prepares the first statement of a text and ignores the rest, as sqlite3_prepare does, so
 * a statement that SQLite would cut short at a semicolon or NUL strata missed shows as an unseen probe.
 */
class SqliteTokenizerDifferentialTest {

    private static final LexerOptions OPTIONS = SqliteSyntax.INSTANCE.lexerOptions();
    private static Connection sqlite;

    /** SQLite rejects a lone {@code !} in its tokenizer, before any grammar or name is looked at. */
    static final ProbeOracle.EngineParser ENGINE = new ProbeOracle.EngineParser() {
        @Override
        public String probe() {
            return "!";
        }

        @Override
        public boolean reportsProbe(String sql, int probeAt) {
            try (PreparedStatement ignored = sqlite.prepareStatement(sql)) {
                return false;
            } catch (SQLException e) {
                return String.valueOf(e.getMessage()).contains("unrecognized token: \"!\"");
            }
        }
    };

    @BeforeAll
    static void open() throws SQLException {
        sqlite = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement statement = sqlite.createStatement()) {
            statement.execute("CREATE TABLE t (a)");
            statement.execute("CREATE TABLE acct (id INTEGER PRIMARY KEY, bal INTEGER)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        sqlite.close();
    }

    @Test
    void theProbeSeesWhatSqliteSees() throws Exception {
        // The oracle itself: SQLite ends a -- comment only at LF, so a probe after a lone CR is unseen.
        assertThat(ENGINE.reportsProbe("DELETE FROM acct -- note\r ! WHERE id = 42", 26))
                .isFalse();
        assertThat(ENGINE.reportsProbe("DELETE FROM acct -- note\n ! WHERE id = 42", 26))
                .isTrue();
        // ... and it stops at the first NUL or semicolon, so a probe after one is unseen.
        assertThat(ENGINE.reportsProbe("UPDATE acct SET bal = 0\u0000 ! WHERE id = 42", 25))
                .isFalse();
        assertThat(ENGINE.reportsProbe("SELECT 1; !", 10)).isFalse();
    }

    @Test
    void generatedScriptsSplitWhereSqliteSplitsThem() throws Exception {
        DifferentialScripts scripts = new DifferentialScripts(DifferentialScripts.Engine.SQLITE, 20261201L);
        int compared = 0;
        int refused = 0;
        for (int round = 0; round < 400; round++) {
            DifferentialScripts.Script script = scripts.next();
            SqlScript split;
            try {
                split = SqliteSplitter.INSTANCE.split("gen.sql", script.text());
            } catch (SqlSyntaxException e) {
                assertThat(script.refusable())
                        .as("refused %s: %s", ProbeOracle.escape(script.text()), e.getMessage())
                        .isTrue();
                refused++;
                continue;
            }
            // The engine comparison first, so that a trap strata let through shows what SQLite made of it.
            for (dev.strata.sql.Statement statement : split.statements()) {
                ProbeOracle.assertAgrees(ENGINE, OPTIONS, statement.sql());
                compared++;
            }
            assertThat(script.refusable())
                    .as("accepted a trap: %s", ProbeOracle.escape(script.text()))
                    .isFalse();
        }
        assertThat(compared).isGreaterThan(300);
        assertThat(refused).isGreaterThan(10);
    }

    @Test
    void theReportedAttacksAreReadAsSqliteReadsThem() throws Exception {
        for (String text : new String[] {
            "DELETE FROM acct -- note\r\nWHERE id = 42",
            "SELECT $a(x;y) AS v",
            "SELECT :b::c(--x) AS v",
            "SELECT 1 /* a /* b */ AS v",
            "SELECT [a;b], `c;d`, \"e;f\", 'g;h', X'00' FROM t"
        }) {
            for (dev.strata.sql.Statement statement :
                    SqliteSplitter.INSTANCE.split("m.sql", text).statements()) {
                ProbeOracle.assertAgrees(ENGINE, OPTIONS, statement.sql());
            }
        }
    }
}
