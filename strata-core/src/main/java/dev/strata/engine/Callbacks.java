package dev.strata.engine;

import dev.strata.StrataException;
import dev.strata.callback.Callback;
import dev.strata.callback.CallbackContext;
import dev.strata.callback.CallbackEvent;
import dev.strata.callback.CallbackFailedException;
import dev.strata.callback.CallbackFile;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.EachMigration;
import dev.strata.dialect.ExecutableScript;
import dev.strata.source.Version;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The callbacks of one {@code migrate} run: the SQL files of {@code callbacks/}, prepared before
 * anything changes, and the registered Java {@link Callback}s. For each event the SQL runs first,
 * then the Java callbacks in the order they were registered. The transactions are those promised
 * by {@link CallbackEvent}: before-each and after-each go through {@link Database#aroundEach}, so
 * they share the migration's transaction; the others run in one of their own.
 */
final class Callbacks {

    private final Map<CallbackEvent, ExecutableScript> sql;
    private final List<Callback> java;

    private Callbacks(Map<CallbackEvent, ExecutableScript> sql, List<Callback> java) {
        this.sql = sql;
        this.java = List.copyOf(java);
    }

    /**
     * Splits and checks every SQL callback, as a pending migration is checked.
     *
     * @throws MigrationRefusedException listing every problem, before any change
     */
    static Callbacks prepare(List<CallbackFile> files, Dialect dialect, List<Callback> java) {
        List<String> reasons = new ArrayList<>();
        Map<CallbackEvent, ExecutableScript> sql = new EnumMap<>(CallbackEvent.class);
        for (CallbackFile file : files) {
            ScriptPreparer.Prepared prepared =
                    ScriptPreparer.prepareToRun(file.source(), file.sql(), dialect.splitter());
            reasons.addAll(prepared.problems());
            if (!prepared.ok()) {
                continue;
            }
            if (!prepared.script().transactional()) {
                reasons.add(file.source() + ": a callback runs inside a transaction (the migration's, or its own),"
                        + " so it can't hold statements that run outside one; remove the no-transaction header or"
                        + " those statements");
                continue;
            }
            reasons.addAll(dialect.unsupported(prepared.script()));
            sql.put(file.event(), prepared.script());
        }
        if (!reasons.isEmpty()) {
            throw new MigrationRefusedException("nothing was applied: a callback can't run:", reasons);
        }
        return new Callbacks(sql, java);
    }

    /** {@code before-migrate}, in a transaction of its own. */
    void beforeMigrate(Database db) {
        runAlone(db, CallbackEvent.BEFORE_MIGRATE, Optional.empty());
    }

    /** {@code after-migrate}, in a transaction of its own, once every migration was committed. */
    void afterMigrate(Database db) {
        runAlone(db, CallbackEvent.AFTER_MIGRATE, Optional.empty());
    }

    /**
     * {@code after-migrate-error}, in a transaction of its own, after the failed migration was rolled
     * back. Its own failure must not hide the run's: it is passed to {@code listener} instead.
     */
    void afterMigrateError(Database db, RuntimeException failure, MigrationListener listener) {
        try {
            runAlone(db, CallbackEvent.AFTER_MIGRATE_ERROR, Optional.ofNullable(failure.getMessage()));
        } catch (RuntimeException also) {
            listener.note("the after-migrate-error callback failed too: " + also.getMessage());
        }
    }

    /** before-each and after-each, for {@link Database#aroundEach}. */
    EachMigration each(String database) {
        if (!sql.containsKey(CallbackEvent.BEFORE_EACH)
                && !sql.containsKey(CallbackEvent.AFTER_EACH)
                && java.stream().noneMatch(Callbacks::hearsEach)) {
            // Nothing to run inside a migration: an engine that can't do so (remote D1) need not refuse.
            return EachMigration.NONE;
        }
        return new EachMigration() {
            @Override
            public void before(Version version, String name, Runner runner) {
                around(CallbackEvent.BEFORE_EACH, database, version, name, runner);
            }

            @Override
            public void after(Version version, String name, Runner runner) {
                around(CallbackEvent.AFTER_EACH, database, version, name, runner);
            }
        };
    }

    private void around(
            CallbackEvent event, String database, Version version, String name, EachMigration.Runner runner) {
        ExecutableScript script = sql.get(event);
        if (script != null) {
            runner.run(script);
        }
        String label = name.isEmpty() || version.repeatable() ? version.text() : version.text() + "_" + name;
        call(
                new CallbackContext(event, database, Optional.of(label), Optional.empty()),
                "; the migration was rolled back: none of it was applied.");
    }

    /** Whether {@code callback} overrides beforeEach, afterEach or on, so it must be called inside migrations. */
    private static boolean hearsEach(Callback callback) {
        try {
            Class<?> type = callback.getClass();
            return type.getMethod("beforeEach", CallbackContext.class).getDeclaringClass() != Callback.class
                    || type.getMethod("afterEach", CallbackContext.class).getDeclaringClass() != Callback.class
                    || type.getMethod("on", CallbackContext.class).getDeclaringClass() != Callback.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Callback declares beforeEach, afterEach and on", e);
        }
    }

    private void runAlone(Database db, CallbackEvent event, Optional<String> failure) {
        ExecutableScript script = sql.get(event);
        if (script != null) {
            db.runInOneTransaction(List.of(script));
        }
        call(new CallbackContext(event, db.description(), Optional.empty(), failure), "");
    }

    private void call(CallbackContext context, String outcome) {
        for (Callback callback : java) {
            try {
                callback.on(context);
            } catch (StrataException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CallbackFailedException(
                        "callback " + callback.getClass().getName() + "."
                                + context.event().method()
                                + context.migration().map(m -> " for " + m).orElse("")
                                + " failed: " + e + outcome,
                        e);
            }
        }
    }
}
