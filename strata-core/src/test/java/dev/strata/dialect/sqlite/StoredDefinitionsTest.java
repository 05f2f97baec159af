package dev.strata.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.dialect.sqlite.StoredDefinitions.ColumnDefinition;
import dev.strata.dialect.sqlite.StoredDefinitions.ForeignKeyClause;
import dev.strata.dialect.sqlite.StoredDefinitions.KeyDefinition;
import dev.strata.dialect.sqlite.StoredDefinitions.TableDefinition;
import dev.strata.schema.CheckConstraint;
import dev.strata.schema.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of stored CREATE statements the catalog does not report, read from SQL text alone. */
class StoredDefinitionsTest {

    @Test
    void readsEveryQuotingStyleAndStepsOverCommentsAndStrings() {
        TableDefinition table = StoredDefinitions.table("""
                CREATE TABLE [odd table] (
                    [a b] TEXT COLLATE "NoCase" DEFAULT 'CHECK (1)', -- CHECK (2) in a comment
                    `c` INT CONSTRAINT "x""y" CHECK ( `c` > 0 /* why */ ) REFERENCES p (id)
                        ON DELETE SET NULL MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED NOT NULL,
                    d GENERATED ALWAYS AS ( c*2 ) STORED COLLATE custom_Order,
                    CONSTRAINT pk PRIMARY KEY ("a b" AUTOINCREMENT) CHECK (d<>0) FOREIGN KEY (d) REFERENCES q
                )""");

        assertThat(table.columns())
                .containsExactly(
                        new ColumnDefinition("a b", "NOCASE", null),
                        new ColumnDefinition("c", null, null),
                        new ColumnDefinition("d", "custom_Order", new Column.Generated("c*2", true)));
        assertThat(table.checks())
                .containsExactly(new CheckConstraint("x\"y", "`c` > 0", true), new CheckConstraint(null, "d<>0", true));
        assertThat(table.foreignKeys())
                .containsExactly(
                        new ForeignKeyClause(List.of("c"), "p", List.of("id"), true, true),
                        new ForeignKeyClause(List.of("d"), "q", List.of(), false, false));
        assertThat(table.autoincrement()).isTrue();
    }

    @Test
    void readsIndexKeysFromTheRightEnd() {
        var index = StoredDefinitions.index(
                "CREATE INDEX \"on\" ON t (a, b COLLATE nocase DESC, substr(c, 1, 2) ASC, (d + 1) COLLATE x) "
                        + "WHERE a IN (1,2)  AND  b IS NOT NULL");

        assertThat(index.keys())
                .containsExactly(
                        new KeyDefinition("a", null, false),
                        new KeyDefinition("b", "NOCASE", true),
                        new KeyDefinition("substr(c, 1, 2)", null, false),
                        new KeyDefinition("(d + 1)", "x", false));
        assertThat(index.where()).isEqualTo("a IN (1, 2) AND b IS NOT NULL");
    }

    @Test
    void readsAViewsColumnListAndKeepsItsSelectAsWritten() {
        var view = StoredDefinitions.view(
                "CREATE VIEW v (\"x y\", z) AS\n  WITH w AS (SELECT 1 AS a)\n  SELECT a, a FROM w");

        assertThat(view.columns()).containsExactly("x y", "z");
        assertThat(view.select()).isEqualTo("WITH w AS (SELECT 1 AS a)\n  SELECT a, a FROM w");
    }

    @Test
    void fragmentsAreCanonicalAndStableWhenReadAgain() {
        String messy = "( a ,b )  /* c */ +\n\t-1 ||'x  y'";
        String once = StatementTokens.of(messy).fragment(0, Integer.MAX_VALUE);

        assertThat(once).isEqualTo("(a, b) + -1 ||'x  y'");
        assertThat(StatementTokens.of(once).fragment(0, Integer.MAX_VALUE)).isEqualTo(once);
    }
}
