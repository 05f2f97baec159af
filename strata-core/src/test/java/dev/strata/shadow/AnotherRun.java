package dev.strata.shadow;

import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.WaitListener;

/** What another strata process does with the configured shadow_url, for the tests that race it. */
final class AnotherRun {

    private AnotherRun() {}

    /**
     * The configured shadow, opened for writing as another run's shadow session opens it; the caller
     * takes its lock ({@link Database#lock()}) to hold the shadow as that run would.
     */
    static Database openShadow(StrataConfig config) {
        var shadow = config.shadowUrl().orElseThrow();
        return Dialects.forUrl(shadow)
                .open(
                        shadow,
                        new HistorySettings(config.historyTable(), config.schema()),
                        Dialect.Access.WRITE,
                        WaitListener.SILENT);
    }
}
