package dev.strata.shadow;

import java.util.HashMap;
import java.util.Map;

/**
 * One {@link ShadowDatabase} at a time on each configured {@code shadow_url} of this process. A
 * fleet runs several targets at once with the same settings, hence the same shadow: without turns,
 * one target's replay emptied the shadow under another's, which then failed on a missing history
 * table, found the shadow "not empty", or read a schema made of both.
 *
 * <p>Runs in other processes are not seen here: on PostgreSQL the shadow's session lock keeps them
 * apart, elsewhere the emptiness check a shadow starts with catches them. A thread that asks again
 * while it holds the turn is refused at once: waiting would be for itself, and so would the second
 * session's wait for that lock.
 */
final class ShadowTurns {

    /** Which thread holds the turn of each shadow, by its JDBC URL. */
    private static final Map<String, Thread> HOLDERS = new HashMap<>();

    private ShadowTurns() {}

    /** Waits for the shadow at {@code jdbcUrl} to be free, then holds it until the returned turn is closed. */
    static synchronized Runnable take(String jdbcUrl) {
        boolean interrupted = false;
        try {
            while (HOLDERS.containsKey(jdbcUrl)) {
                if (HOLDERS.get(jdbcUrl) == Thread.currentThread()) {
                    throw ShadowException.misuse("strata opened a second shadow on shadow_url while its first was"
                            + " still open; that is a bug in strata, please report it with the command you ran");
                }
                try {
                    ShadowTurns.class.wait();
                } catch (InterruptedException e) {
                    // The holder gives the shadow back within its own run; keep the interrupt for the caller.
                    interrupted = true;
                }
            }
            Thread holder = Thread.currentThread();
            HOLDERS.put(jdbcUrl, holder);
            return () -> giveBack(jdbcUrl, holder);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Gives the turn back, once: a second call finds it held by another thread, or by none. */
    private static synchronized void giveBack(String jdbcUrl, Thread holder) {
        HOLDERS.remove(jdbcUrl, holder);
        ShadowTurns.class.notifyAll();
    }
}
