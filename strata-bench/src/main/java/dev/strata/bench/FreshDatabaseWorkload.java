package dev.strata.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * What a test suite pays for a fresh, migrated database in every test: strata-junit's copy of a
 * template migrated once per class, against migrating a new database before each test. Both run as
 * real JUnit tests through the JUnit launcher; the time of a test runs from its start to its end
 * event, so it includes the extension's (or the {@code @BeforeEach}'s) work and the clean-up. The
 * first test of each launch is left out: it pays for the template, or warms up.
 */
final class FreshDatabaseWorkload implements Workload {

    static final String NAME = "fresh db per test";
    static final String TEMPLATE = "strata-junit";
    static final String REMIGRATE = "re-migrate";

    @Override
    public String id() {
        return "junit";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int size = context.options().junitSize();
        FreshDatabaseTests.migrations = context.migrations(size);
        Launcher launcher = LauncherFactory.create();
        for (String engineName : context.options().engines()) {
            FreshDatabaseTests.engine = context.engine(engineName);
            for (int round = 1; round <= context.options().rounds(); round++) {
                List<Class<?>> order = round % 2 == 1
                        ? List.of(FreshDatabaseTests.TemplateCopy.class, FreshDatabaseTests.Remigrate.class)
                        : List.of(FreshDatabaseTests.Remigrate.class, FreshDatabaseTests.TemplateCopy.class);
                for (Class<?> tests : order) {
                    double perTest = medianSecondsPerTest(launcher, tests);
                    String contender = tests == FreshDatabaseTests.TemplateCopy.class ? TEMPLATE : REMIGRATE;
                    context.results().add(new Sample(NAME, engineName, size, contender, round, perTest, Double.NaN));
                }
            }
        }
    }

    private static double medianSecondsPerTest(Launcher launcher, Class<?> tests) {
        Timings timings = new Timings();
        launcher.execute(
                LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(tests))
                        .build(),
                timings);
        if (!timings.failures.isEmpty()) {
            throw new IllegalStateException(tests.getSimpleName() + " failed: " + timings.failures.get(0));
        }
        if (timings.seconds.size() != FreshDatabaseTests.TESTS) {
            throw new IllegalStateException(tests.getSimpleName() + " ran " + timings.seconds.size() + " of "
                    + FreshDatabaseTests.TESTS + " tests");
        }
        List<Double> measured = new ArrayList<>(timings.seconds.subList(1, timings.seconds.size()));
        return Results.stats(measured).median();
    }

    /** Start-to-end time of each test, in the order they finished. */
    private static final class Timings implements TestExecutionListener {
        private final Map<String, Long> started = new ConcurrentHashMap<>();
        private final List<Double> seconds = new ArrayList<>();
        private final List<Throwable> failures = new ArrayList<>();

        @Override
        public void executionStarted(TestIdentifier test) {
            if (test.isTest()) {
                started.put(test.getUniqueId(), System.nanoTime());
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            result.getThrowable().ifPresent(failures::add);
            if (test.isTest()) {
                seconds.add((System.nanoTime() - started.remove(test.getUniqueId())) / 1e9);
            }
        }
    }
}
