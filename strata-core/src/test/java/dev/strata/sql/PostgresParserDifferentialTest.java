package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Differential test of the PostgreSQL splitter against the server's parser, reached through the
 * JDBC driver strata runs statements with (which lexes the text itself first, to find statement
 * ends). Each statement strata produces goes through a parse-only round trip (the extended
 * protocol's Parse and Describe, nothing executes) with probes planted where strata says code,
 * comments and strings begin and end ({@link ProbeOracle}). The server names the position of the
 * error, so a probe must be reported at exactly the place strata expects.
 */
class PostgresParserDifferentialTest {

    private static final LexerOptions OPTIONS = PostgresSyntax.INSTANCE.lexerOptions();
    private static Connection postgres;

    /** The empty quoted identifier is refused by the server's scanner itself, with its position. */
    static final ProbeOracle.EngineParser ENGINE = new ProbeOracle.EngineParser() {
        @Override
        public String probe() {
            return "\"\"";
        }

        @Override
        public boolean reportsProbe(String sql, int probeAt) throws SQLException {
            try (PreparedStatement parsed = postgres.prepareStatement(sql)) {
                parsed.getParameterMetaData();
                return false;
            } catch (PSQLException e) {
                ServerErrorMessage server = e.getServerErrorMessage();
                int expected = sql.codePointCount(0, probeAt) + 1;
                return server != null
                        && String.valueOf(server.getMessage()).startsWith("zero-length delimited identifier")
                        && server.getPosition() == expected;
            }
        }
    };

    @BeforeAll
    static void open() throws SQLException {
        postgres = Jdbc.connect(PostgresServer.newDatabaseUrl());
        try (Statement statement = postgres.createStatement()) {
            statement.execute("CREATE TABLE t (a text)");
            statement.execute("CREATE TABLE acct (id int PRIMARY KEY, bal int)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        postgres.close();
    }

    @Test
    void theProbeSeesWhatPostgresSees() throws Exception {
        assertThat(ENGINE.reportsProbe("DELETE FROM acct -- note\r \"\" WHERE id = 42", 26))
                .isTrue();
        assertThat(ENGINE.reportsProbe("SELECT 1 /* a /* b */ \"\" */", 22)).isFalse();
        assertThat(ENGINE.reportsProbe("SELECT 1 /* a /* b */ c */ \"\"", 27)).isTrue();
        // A string joined to an E'' string keeps its escapes: \' does not end it.
        assertThat(ENGINE.reportsProbe("SELECT E'a'\n'\\' \"\" '", 17)).isFalse();
    }

    @Test
    void generatedScriptsSplitWherePostgresSplitsThem() throws Exception {
        DifferentialScripts scripts = new DifferentialScripts(DifferentialScripts.Engine.POSTGRES, 20261202L);
        int compared = 0;
        int refused = 0;
        for (int round = 0; round < 60; round++) {
            DifferentialScripts.Script script = scripts.next();
            SqlScript split;
            try {
                split = PostgresSplitter.INSTANCE.split("gen.sql", script.text());
            } catch (SqlSyntaxException e) {
                assertThat(script.refusable())
                        .as("refused %s: %s", ProbeOracle.escape(script.text()), e.getMessage())
                        .isTrue();
                refused++;
                continue;
            }
            for (dev.strata.sql.Statement statement : split.statements()) {
                ProbeOracle.assertAgrees(ENGINE, OPTIONS, statement.sql());
                compared++;
            }
            assertThat(script.refusable())
                    .as("accepted a trap: %s", ProbeOracle.escape(script.text()))
                    .isFalse();
        }
        assertThat(compared).isGreaterThan(60);
        assertThat(refused).isPositive();
    }

    @Test
    void theReportedAttacksAreReadAsPostgresReadsThem() throws Exception {
        for (String text : new String[] {
            "DELETE FROM acct -- note\rWHERE id = 42",
            "SELECT 1 /* a /* b */ ; c */ AS v",
            "SELECT $$ ; $$, $a$ $$ ; $a$, E'\\'; --', U&'d;' AS v",
            "SELECT E'a'\n'b;' AS v",
            "SELECT \"a;\"\"b\" FROM t"
        }) {
            for (dev.strata.sql.Statement statement :
                    PostgresSplitter.INSTANCE.split("m.sql", text).statements()) {
                ProbeOracle.assertAgrees(ENGINE, OPTIONS, statement.sql());
            }
        }
    }
}
