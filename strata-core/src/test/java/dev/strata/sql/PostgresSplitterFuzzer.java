package dev.strata.sql;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the Postgres splitter (Jazzer). The input is a migration file's bytes,
 * decoded as UTF-8 the way {@code SourceFiles} hands text to the splitter (it refuses invalid UTF-8
 * before any split, so replacement characters stand in for it here). The properties are those of
 * {@link SplitProperties}. Seeds: {@code PostgresSplitterFuzzerInputs/fuzz} in the test resources.
 */
class PostgresSplitterFuzzer {

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) {
        SplitProperties.check(
                PostgresSplitter.INSTANCE,
                PostgresSyntax.INSTANCE.lexerOptions(),
                new String(input, StandardCharsets.UTF_8));
    }
}
