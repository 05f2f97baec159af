package dev.strata.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opentest4j.TestAbortedException;

/**
 * A program from outside the build that some tests run (wrangler from npm, Debian's Chromium).
 * When it is missing, CI fails the test, since .ci/run installs every such tool; on a developer's
 * machine the test is skipped, and the reason is printed once per test JVM to the build's output,
 * because surefire's summary counts a skipped class as "Tests run: 0" and keeps the reason in its
 * report files only.
 */
public final class OutsideTool {

    private static final Set<String> TOLD = ConcurrentHashMap.newKeySet();

    private OutsideTool() {}

    /**
     * Returns when {@code present}; otherwise fails under CI or skips the calling test, saying
     * {@code missing} (what is not there and how to install it).
     */
    public static void require(boolean present, String missing) {
        if (present) {
            return;
        }
        if (System.getenv("CI") != null) {
            throw new IllegalStateException(missing + " (.ci/run installs it before the build)");
        }
        if (TOLD.add(missing)) {
            System.err.println("[strata tests] SKIPPED: " + missing);
        }
        throw new TestAbortedException(missing);
    }
}
