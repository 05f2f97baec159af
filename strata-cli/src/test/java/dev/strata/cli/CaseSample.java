package dev.strata.cli;

import java.security.SecureRandom;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The share of a process-level suite's cases that one run tries. {@code mvn verify} tries every
 * case; {@code -Dstrata.sample.every=N} (3 in the quick loop, {@code -Dquick}) one case in N. The
 * offset changes with each run, so that successive quick runs try other cases, and every sample
 * prints the seed that replays it ({@code -Dstrata.sample.seed=S}).
 *
 * @param every a run tries one case in this many
 * @param seed  chooses which of the {@code every} offsets a run takes
 */
record CaseSample(int every, long seed) {

    private static final CaseSample CURRENT = new CaseSample(
            Integer.getInteger("strata.sample.every", 1),
            Long.getLong("strata.sample.seed", new SecureRandom().nextLong()));

    CaseSample {
        if (every < 1) {
            throw new IllegalArgumentException("strata.sample.every must be 1 or more, not " + every);
        }
    }

    /** The sample this test JVM was started with. */
    static CaseSample current() {
        return CURRENT;
    }

    /**
     * The cases of {@code cases} this run tries, never none: a list shorter than {@code every} still
     * gets one case. {@code suite} names the list in the printed line, and shifts the offset so that
     * the suites of one run do not all take the same positions.
     */
    <T> List<T> of(String suite, List<T> cases) {
        if (every == 1 || cases.isEmpty()) {
            return cases;
        }
        long shift = seed + suite.hashCode();
        int offset = Math.floorMod(shift, every);
        List<T> sample = IntStream.range(0, cases.size())
                .filter(i -> i % every == offset)
                .mapToObj(cases::get)
                .toList();
        if (sample.isEmpty()) {
            sample = List.of(cases.get(Math.floorMod(shift, cases.size())));
        }
        System.out.println(suite + ": " + sample.size() + " of " + cases.size() + " cases (one in " + every + "), seed "
                + seed + " (replay with -Dstrata.sample.seed=" + seed + ")");
        return sample;
    }
}
