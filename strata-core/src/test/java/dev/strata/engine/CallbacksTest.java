package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.callback.Callback;
import dev.strata.callback.CallbackContext;
import dev.strata.config.DatabaseUrl;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.EachMigration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which callbacks must run inside each migration: only those that hear before-each or after-each,
 * so that an engine that can't run anything inside a migration (remote D1) refuses only those.
 */
class CallbacksTest {

    private static final DatabaseUrl URL = new DatabaseUrl(
            DatabaseUrl.Engine.SQLITE,
            "jdbc:sqlite::memory:",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            "sqlite::memory:");

    private static EachMigration each(Callback callback) {
        return Callbacks.prepare(List.of(), Dialects.forUrl(URL), List.of(callback))
                .each("db");
    }

    @Test
    void aCallbackThatHearsOnlyTheWholeRunNeedsNothingInsideMigrations() {
        Callback whole = new Callback() {
            @Override
            public void afterMigrate(CallbackContext context) {}
        };

        assertThat(each(whole)).isSameAs(EachMigration.NONE);
    }

    @Test
    void aCallbackThatHearsEachMigrationOrEveryEventRunsInsideThem() {
        Callback perMigration = new Callback() {
            @Override
            public void afterEach(CallbackContext context) {}
        };
        Callback everything = new Callback() {
            @Override
            public void on(CallbackContext context) {}
        };

        assertThat(each(perMigration).isEmpty()).isFalse();
        assertThat(each(everything).isEmpty()).isFalse();
    }
}
