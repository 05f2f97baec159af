package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectivesTest {

    @Test
    void headerDirectivesComeBeforeTheFirstStatement() {
        String text = "-- strata:no-transaction\n"
                + "--strata:timeout 30s \n"
                + "/* strata:ignored in block comments */\n"
                + "CREATE INDEX CONCURRENTLY i ON t (x);\n"
                + "-- strata:after-first  some argument  \n"
                + "SELECT 1;\n";
        SqlScript script = PostgresSplitter.INSTANCE.split("d.sql", text);
        assertThat(script.directives())
                .containsExactly(
                        new Directive("no-transaction", "", 1, true),
                        new Directive("timeout", "30s", 2, true),
                        new Directive("after-first", "some argument", 5, false));
        assertThat(script.hasDirective("no-transaction")).isTrue();
        assertThat(script.hasDirective("timeout")).isTrue();
        assertThat(script.hasDirective("other")).isFalse();
    }

    @Test
    void directiveInsideTheFirstStatementIsNotInTheHeader() {
        SqlScript script = SqliteSplitter.INSTANCE.split("d.sql", "SELECT\n-- strata:inside\n1;");
        assertThat(script.directives()).containsExactly(new Directive("inside", "", 2, false));
        assertThat(script.statements())
                .singleElement()
                .extracting(Statement::sql)
                .isEqualTo("SELECT\n-- strata:inside\n1");
    }

    @Test
    void directivesInAFileWithoutStatementsAreAllInTheHeader() {
        SqlScript script = SqliteSplitter.INSTANCE.split("d.sql", "-- strata:a\r\n\r\n-- strata:b x\r\n");
        assertThat(script.directives())
                .containsExactly(new Directive("a", "", 1, true), new Directive("b", "x", 3, true));
        assertThat(script.statements()).isEmpty();
    }

    @Test
    void directiveAfterATrailingSemicolonOnTheSameLineIsNotInTheHeader() {
        SqlScript script = SqliteSplitter.INSTANCE.split("d.sql", "SELECT 1; -- strata:late");
        assertThat(script.directives()).containsExactly(new Directive("late", "", 1, false));
    }

    @Test
    void nearMissesStayComments() {
        String text = "-- strata: spaced\n"
                + "-- strata:Upper\n"
                + "-- strata:9lives\n"
                + "-- strata:name!x\n"
                + "-- Strata:name\n"
                + "--- strata:dashes\n"
                + "-- note strata:later\n"
                + "SELECT '-- strata:in-string';\n";
        SqlScript script = SqliteSplitter.INSTANCE.split("d.sql", text);
        assertThat(script.directives()).isEmpty();
    }

    @Test
    void namesMayHoldDigitsAndDashes() {
        assertThat(Directives.parse("-- strata:retry-3\tmax 5", 7, false))
                .isEqualTo(new Directive("retry-3", "max 5", 7, false));
        assertThat(Directives.parse("-- strata:x", 1, true)).isEqualTo(new Directive("x", "", 1, true));
        assertThat(Directives.parse("-- strata:", 1, true)).isNull();
        assertThat(Directives.parse("/* strata:x */", 1, true)).isNull();
    }
}
