package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.dialect.ExecutableScript;
import dev.strata.dialect.d1.D1Dialect;
import dev.strata.dialect.postgres.PostgresDialect;
import dev.strata.dialect.sqlite.SqliteDialect;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How -- strata:require and -- strata:lock-timeout are read, and where they are refused. */
class GuardDirectivesTest {

    private static ScriptPreparer.Prepared prepare(String text) {
        return ScriptPreparer.prepare("m.sql", text, PostgresDialect.INSTANCE.splitter());
    }

    @Test
    void aPreconditionKeepsItsQueryMessageAndLine() {
        ScriptPreparer.Prepared prepared = prepare("-- strata:lock-timeout 30s\n"
                + "-- strata:require SELECT count(*) = 0 FROM t WHERE s = '--x'; -- t holds no such row\n"
                + "ALTER TABLE t ADD COLUMN n INT;\n");

        assertThat(prepared.problems()).isEmpty();
        assertThat(prepared.script().requirements())
                .containsExactly(new ExecutableScript.Requirement(
                        "SELECT count(*) = 0 FROM t WHERE s = '--x'", "t holds no such row", 2, true));
        assertThat(prepared.script().lockTimeout()).contains(Duration.ofSeconds(30));
        assertThat(prepare("-- strata:lock-timeout off\nSELECT 1;\n").script().lockTimeout())
                .contains(Duration.ZERO);
        assertThat(prepare("SELECT 1;\n").script().lockTimeout()).isEqualTo(Optional.empty());
    }

    @Test
    void misplacedOrMalformedDirectivesAreRefusedWithWhatToWrite() {
        assertThat(prepare("-- strata:no-transaction\n-- strata:require SELECT true -- ok\nSELECT 1;\n")
                        .problems())
                .singleElement()
                .asString()
                .contains("m.sql:2: '-- strata:require' needs strata's transaction");
        assertThat(prepare("SELECT 1;\n-- strata:require SELECT true -- ok\n").problems())
                .singleElement()
                .asString()
                .contains("must stand before the first statement");
        assertThat(prepare("-- strata:require SELECT true\nSELECT 1;\n").problems())
                .singleElement()
                .asString()
                .contains("says nothing about what must hold");
        assertThat(prepare("-- strata:lock-timeout 5\nSELECT 1;\n").problems())
                .singleElement()
                .asString()
                .contains("takes a whole number with a unit");
        assertThat(prepare("-- strata:no-transaction\n-- strata:lock-timeout 5s\nSELECT 1;\n")
                        .problems())
                .singleElement()
                .asString()
                .contains("write SET lock_timeout = '30s'; in the file");
    }

    @Test
    void remoteD1RefusesPreconditionsWhenTheRunIsPlanned() {
        ScriptPreparer.Prepared prepared = ScriptPreparer.prepare(
                "m.sql", "-- strata:require SELECT 1 -- one\nSELECT 1;\n", SqliteDialect.INSTANCE.splitter());

        assertThat(D1Dialect.INSTANCE.unsupported(prepared.script()))
                .anySatisfy(problem ->
                        assertThat(problem).contains("m.sql:1: '-- strata:require' is not run on remote D1"));
        assertThat(SqliteDialect.INSTANCE.unsupported(prepared.script())).isEmpty();
    }
}
