package dev.strata.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.schema.CheckConstraint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two pieces of the document read from text: a file's purpose, and enums from CHECK constraints. */
class DocumentPartsTest {

    @Test
    void thePurposeIsTheFirstParagraphOfTheLeadingComment() {
        assertThat(LeadingComment.purpose("""
                -- strata:no-transaction
                -- Make amount a number, so totals
                -- work in SQL.
                --
                -- SQLite can't change a type in place.
                CREATE TABLE t (x REAL);
                """)).isEqualTo("Make amount a number, so totals work in SQL.");
        assertThat(LeadingComment.purpose("\n\n/* Adds users.\n * Second line. */\nCREATE TABLE users (id INT);"))
                .isEqualTo("Adds users. Second line.");
        assertThat(LeadingComment.purpose("CREATE TABLE t (x INT); -- not a leading comment"))
                .isEmpty();
        assertThat(LeadingComment.purpose("-- First.\n\n-- A comment on the table below.\nCREATE TABLE t (x INT);"))
                .isEqualTo("First.");
    }

    @Test
    void enumsAreReadFromBothEnginesSpellingsOfCheckIn() {
        assertThat(CheckEnums.read(new CheckConstraint(null, "status IN ('active', 'archived', 'it''s')", true)))
                .contains(new CheckEnums.ValueList("status", List.of("active", "archived", "it's")));
        assertThat(CheckEnums.read(new CheckConstraint(
                        "triggers_registry_check",
                        "((registry)::text = ANY ((ARRAY['identity'::character varying, 'reputation'::character varying])"
                                + "::text[]))",
                        true)))
                .contains(new CheckEnums.ValueList("registry", List.of("identity", "reputation")));
        assertThat(CheckEnums.read(new CheckConstraint(
                        "triggers_registry_check",
                        "((registry)::text = ANY (ARRAY[('identity'::character varying)::text, ('reputation'::character"
                                + " varying)::text]))",
                        true)))
                .contains(new CheckEnums.ValueList("registry", List.of("identity", "reputation")));
        assertThat(CheckEnums.read(new CheckConstraint(null, "\"role\" in ('owner','member')", true)))
                .contains(new CheckEnums.ValueList("role", List.of("owner", "member")));
    }

    @Test
    void otherChecksAreNoEnums() {
        assertThat(CheckEnums.read(new CheckConstraint(null, "price > 0", true)))
                .isEmpty();
        assertThat(CheckEnums.read(new CheckConstraint(null, "status IN ('a', 'b') AND price > 0", true)))
                .isEmpty();
        assertThat(CheckEnums.read(new CheckConstraint(null, "status IN (SELECT name FROM states)", true)))
                .isEmpty();
        assertThat(CheckEnums.read(new CheckConstraint(null, "lower(status) IN ('a')", true)))
                .isEmpty();
    }
}
