package dev.strata.sql;

import java.util.Set;

/** PostgreSQL, assuming standard_conforming_strings is on (the default since 9.1). */
final class PostgresSyntax implements SqlSyntax {

    static final PostgresSyntax INSTANCE = new PostgresSyntax();

    private static final LexerOptions OPTIONS = new LexerOptions(
            "PostgreSQL", true, false, true, false, false, true, true, true, Set.of("E", "U&", "B", "X", "N"), true);

    private PostgresSyntax() {}

    @Override
    public LexerOptions lexerOptions() {
        return OPTIONS;
    }

    /** Only SQL-standard routine bodies hold bare semicolons; other routines quote their body. */
    @Override
    public boolean mayHoldBody(Words head) {
        int at = head.is(1, "OR") && head.is(2, "REPLACE") ? 3 : 1;
        return head.is(0, "CREATE") && head.isAny(at, "FUNCTION", "PROCEDURE");
    }

    /** BEGIN may name a parameter or column in a routine header, so only BEGIN ATOMIC counts. */
    @Override
    public boolean opensBody(Words beginOnward) {
        return beginOnward.is(1, "ATOMIC");
    }

    @Override
    public String bodyName() {
        return "BEGIN ATOMIC body";
    }

    /**
     * The commands PostgreSQL rejects with "cannot run inside a transaction block", plus the
     * subscription commands, which do so whenever they touch a replication slot.
     */
    @Override
    public boolean needsNoTransaction(Words w) {
        if (w.is(0, "VACUUM")) {
            return true;
        }
        if (w.is(0, "CREATE")) {
            int index = w.is(1, "UNIQUE") ? 2 : 1;
            return (w.is(index, "INDEX") && w.is(index + 1, "CONCURRENTLY"))
                    || w.isAny(1, "DATABASE", "TABLESPACE", "SUBSCRIPTION");
        }
        if (w.is(0, "DROP")) {
            return (w.is(1, "INDEX") && w.is(2, "CONCURRENTLY"))
                    || w.isAny(1, "DATABASE", "TABLESPACE", "SUBSCRIPTION");
        }
        if (w.is(0, "ALTER")) {
            return alterNeedsNoTransaction(w);
        }
        if (w.is(0, "REINDEX")) {
            return w.contains(1, "CONCURRENTLY") || w.isAny(w.skipParentheses(1), "SCHEMA", "DATABASE", "SYSTEM");
        }
        if (w.is(0, "CLUSTER")) {
            return clustersEverything(w);
        }
        return false;
    }

    private static boolean alterNeedsNoTransaction(Words w) {
        if (w.isAny(1, "SYSTEM", "SUBSCRIPTION")) {
            return true;
        }
        if (w.is(1, "DATABASE")) {
            int set = w.indexOf(2, "SET");
            return set >= 0 && w.is(set + 1, "TABLESPACE");
        }
        if (w.is(1, "TABLE")) {
            int detach = w.indexOf(2, "DETACH");
            return detach >= 0 && w.is(detach + 1, "PARTITION") && w.contains(detach + 2, "CONCURRENTLY");
        }
        return false;
    }

    /** CLUSTER without a table re-clusters every table and, for that, refuses a transaction. */
    private static boolean clustersEverything(Words w) {
        int index = w.skipParentheses(1);
        if (w.is(index, "VERBOSE")) {
            index++;
        }
        return index >= w.size();
    }
}
