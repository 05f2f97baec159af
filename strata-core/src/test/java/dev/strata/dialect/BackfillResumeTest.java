package dev.strata.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.ScriptPreparer;
import dev.strata.sql.SqliteSplitter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a failed migration with a backfill goes on from, read from its real prepared script. */
class BackfillResumeTest {

    private static final ExecutableScript SCRIPT = ScriptPreparer.prepare(
                    "0002_fill.sql",
                    "-- strata:no-transaction\n"
                            + "ALTER TABLE t ADD COLUMN a INTEGER;\n" // line 2, statement 0
                            + "-- strata:backfill\n"
                            + "UPDATE t SET a = 1 WHERE a IS NULL;\n" // line 4, statement 1
                            + "ALTER TABLE t ADD COLUMN b INTEGER;\n" // line 5, statement 2
                            + "-- strata:backfill\n"
                            + "UPDATE t SET b = 1 WHERE b IS NULL;\n", // line 7, statement 3
                    SqliteSplitter.INSTANCE)
            .script();

    private static BackfillRun.Saved at(long key, boolean done) {
        return new BackfillRun.Saved(Optional.of(key), key, done);
    }

    @Test
    void anUnfinishedBackfillIsGoneOnWithAndWhatCameBeforeItIsSkipped() {
        assertThat(BackfillResume.startIndex(SCRIPT, Map.of(4, at(10, false)))).contains(1);
        assertThat(BackfillResume.startIndex(SCRIPT, Map.of(4, at(10, true), 7, at(5, false))))
                .contains(3);
    }

    @Test
    void aFinishedLastBackfillLeavesOnlyTheHistoryRow() {
        assertThat(BackfillResume.startIndex(SCRIPT, Map.of(4, at(10, true), 7, at(9, true))))
                .contains(4);
    }

    @Test
    void aFailureAfterAFinishedBackfillOrBeforeAnyIsNotResumed() {
        assertThat(BackfillResume.startIndex(SCRIPT, Map.of(4, at(10, true)))).isEmpty();
        assertThat(BackfillResume.startIndex(SCRIPT, Map.of())).isEmpty();
    }
}
