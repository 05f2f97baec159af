package dev.strata.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** A test class set up wrongly fails loudly, with a message that says what to change. */
class ExtensionFailureTest {

    @Test
    void aMissingMigrationsFolderFailsEveryTestNamingTheSetting() {
        Events tests = run(MissingFolder.class);

        tests.assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(firstFailure(tests))
                .contains(
                        "the migrations folder 'no/such/folder' does not exist",
                        "set @StrataTest(migrations = \"...\")");
    }

    @Test
    void aMigrationThatFailsFailsTheTestWithStrataMessage() {
        Events tests = run(BrokenMigration.class);

        tests.assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(firstFailure(tests)).contains("0001_users.sql:2", "missing_table");
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .execute()
                .testEvents();
    }

    private static String firstFailure(Events tests) {
        return tests.failed().stream()
                .findFirst()
                .orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow()
                .getThrowable()
                .orElseThrow()
                .getMessage();
    }

    @StrataTest(migrations = "no/such/folder")
    static class MissingFolder {
        @Test
        void test(Connection connection) {}
    }

    @StrataTest(migrations = "src/test/resources/broken-migrations")
    static class BrokenMigration {
        @Test
        void test(Connection connection) {}
    }
}
