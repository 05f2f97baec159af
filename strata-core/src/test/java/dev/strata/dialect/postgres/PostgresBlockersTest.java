package dev.strata.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a blocking session is described: on one line, cut short, passwords hidden. */
class PostgresBlockersTest {

    @Test
    void passwordsInTheBlockersQueryAreHidden() {
        assertThat(PostgresBlockers.shown("ALTER ROLE app PASSWORD 'it''s secret'"))
                .isEqualTo("ALTER ROLE app PASSWORD '***'");
        assertThat(PostgresBlockers.shown("SELECT dblink_connect('postgres://app:hunter2@db/x')"))
                .isEqualTo("SELECT dblink_connect('postgres://app:***@db/x')")
                .doesNotContain("hunter2");
        assertThat(PostgresBlockers.shown("SELECT dblink_connect('host=db password=hunter2 user=app')"))
                .doesNotContain("hunter2");
    }

    @Test
    void aLongQueryIsShownOnOneLineAndCutShort() {
        String shown = PostgresBlockers.shown("UPDATE events\n   SET note = '" + "x".repeat(300) + "'");
        assertThat(shown)
                .startsWith("UPDATE events SET note = 'xxx")
                .endsWith("...")
                .hasSize(123);
        assertThat(PostgresBlockers.describe(4242, "app", "psql", "idle in transaction", 123_000, "LOCK TABLE t"))
                .isEqualTo("session 4242 (user app, application psql, idle in transaction for 2 min 3 s), last query:"
                        + " LOCK TABLE t");
    }
}
