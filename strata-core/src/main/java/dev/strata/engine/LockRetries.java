package dev.strata.engine;

import dev.strata.config.Durations;
import dev.strata.config.LockSettings;
import dev.strata.dialect.Database;
import dev.strata.dialect.ExecutableScript;
import dev.strata.dialect.LockTimeoutException;
import dev.strata.dialect.WaitListener;
import dev.strata.history.AppliedMigration;
import dev.strata.source.Migration;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies a migration, and when one of its statements times out waiting for a lock, applies it again
 * from its start, up to {@code lock_retries} more times, after a pause that doubles each time. The
 * database rolled the try back whole, so trying again is safe; a migration outside strata's
 * transaction took effect part-way and is never tried again.
 *
 * <p>The pauses are jittered (half to all of the nominal pause, chosen at random) so that several
 * deployments blocked by the same session don't all come back at the same moment.
 */
final class LockRetries {

    /** The pause never grows beyond this. */
    private static final Duration MAX_PAUSE = Duration.ofMinutes(1);
    /** The first pause when strata set no lock timeout (the server's own timed out). */
    private static final Duration FALLBACK_PAUSE = Duration.ofSeconds(1);

    private final LockSettings settings;
    private final WaitListener listener;

    LockRetries(LockSettings settings, WaitListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    Optional<AppliedMigration> apply(Database db, Migration migration, ExecutableScript script) {
        Duration timeout = script.lockTimeout().isPresent()
                ? script.lockTimeout().filter(d -> !d.isZero()).orElse(FALLBACK_PAUSE)
                : settings.lockTimeout().orElse(FALLBACK_PAUSE);
        int tries = script.transactional() ? settings.retries() + 1 : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return db.apply(migration.version(), migration.name(), migration.checksum(), script);
            } catch (LockTimeoutException e) {
                if (!script.transactional()) {
                    throw e;
                }
                String waited = script.lockTimeout().isPresent()
                                || settings.lockTimeout().isPresent()
                        ? "more than " + Durations.spoken(timeout)
                        : "longer than the server's lock_timeout";
                if (attempt >= tries) {
                    throw new LockWaitGaveUpException(e, attempt, waited);
                }
                Duration pause = pause(timeout, attempt);
                listener.waiting(e.source() + ":" + e.line() + " waited " + waited + " for a lock and was rolled"
                        + " back; " + LockTimeoutException.blockedBy(e.blockers()) + ". Trying again in "
                        + Durations.spoken(pause) + " (try " + (attempt + 1) + " of " + tries + ").");
                sleep(pause, e);
            }
        }
    }

    /** The nominal pause is the lock timeout, doubled for each try so far, capped; jittered to half or more. */
    static Duration pause(Duration timeout, int attempt) {
        long nominal = Math.min(MAX_PAUSE.toMillis(), timeout.toMillis() << Math.min(attempt - 1, 20));
        long jittered = nominal / 2 + ThreadLocalRandom.current().nextLong(nominal / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }

    private static void sleep(Duration pause, LockTimeoutException cause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }
}
