package dev.strata.rehearse;

import dev.strata.StrataException;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.ThrowawayDatabase;
import dev.strata.dialect.WaitListener;
import dev.strata.engine.ForwardingMigrationListener;
import dev.strata.engine.MigrateOptions;
import dev.strata.engine.MigrationGate;
import dev.strata.engine.MigrationListener;
import dev.strata.engine.MigrationState;
import dev.strata.engine.Migrator;
import dev.strata.history.AppliedMigration;
import dev.strata.rehearse.RehearsalReport.Copy;
import dev.strata.rehearse.RehearsalReport.Failure;
import dev.strata.rehearse.RehearsalReport.Step;
import dev.strata.rehearse.RehearsalReport.TableRows;
import dev.strata.schema.Schema;
import dev.strata.schema.SchemaChange;
import dev.strata.schema.SchemaDiff;
import dev.strata.schema.Table;
import dev.strata.source.Migration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code strata rehearse}: the pending migrations run on a throwaway copy of the live database,
 * exactly as {@code migrate} would run them there (the lint gate judging by the copy's rows), while
 * each one is timed, the rows of the tables it touches are counted before and after, and the locks
 * its session takes are sampled. The live database is only read, by the dialect's copy. A copy may
 * be of another engine (a D1 database's export in a SQLite file): it is opened with its own URL's
 * dialect, and what the live engine refuses while planning is asked of the live database first.
 *
 * <p>The environment's own gates (promotion, confirmation, backup) are not asked: they guard the
 * live database, which a rehearsal never changes. Each migration commits on its own on the copy,
 * also where {@code single_transaction} makes the real run one transaction.
 */
public final class Rehearsal {

    /** How often the locks of the migrating session are looked at while a migration runs. */
    private static final Duration LOCK_SAMPLE_EVERY = Duration.ofMillis(10);

    /** migrate's options on the copy: everything pending, each migration in its own transaction. */
    private static final MigrateOptions ON_THE_COPY =
            new MigrateOptions(Optional.empty(), false, false, Optional.of(false));

    private Rehearsal() {}

    /**
     * @param migratorFor builds the migrator of {@code migrate} for a configuration and a listener, its
     *                    lint gate included
     * @throws StrataException when the copy can't be made (nothing was changed anywhere)
     */
    public static RehearsalReport run(
            StrataConfig config,
            Map<String, String> environment,
            MigrationListener progress,
            BiFunction<StrataConfig, MigrationListener, Migrator> migratorFor) {
        Dialect dialect = Dialects.forUrl(config.url());
        long pending = migratorFor.apply(config, MigrationListener.SILENT).status().migrations().stream()
                .filter(status -> status.state() == MigrationState.PENDING)
                .count();
        long started = System.nanoTime();
        progress.note("copying " + config.url().display() + " for the rehearsal");
        try (ThrowawayDatabase copy = dialect.copyOf(config.url(), environment)) {
            // The copy's own engine opens it: a D1 database's copy is a SQLite file.
            Dialect copyDialect = Dialects.forUrl(copy.url());
            Copy made = new Copy(
                    "a throwaway " + copyDialect.name() + " copy (" + copy.description() + ")",
                    Duration.ofNanos(System.nanoTime() - started));
            StrataConfig onCopy = config.onDatabase(
                    copy.url(), "rehearsal copy of " + config.url().display());
            HistorySettings history = new HistorySettings(config.historyTable(), config.schema());
            try (Observer observer = new Observer(
                    copyDialect.open(copy.url(), history, Dialect.Access.READ, WaitListener.SILENT),
                    copyDialect.open(copy.url(), history, Dialect.Access.READ, WaitListener.SILENT),
                    progress)) {
                Optional<Failure> failure =
                        copyDialect.equals(dialect) ? Optional.empty() : refusedByTheLiveEngine(config, migratorFor);
                if (failure.isEmpty()) {
                    try {
                        // One transaction per migration even where the real run takes one for all: the rows and
                        // locks of each are read between them, which needs each committed.
                        migratorFor.apply(onCopy, observer).migrate(ON_THE_COPY, MigrationGate.NONE);
                    } catch (StrataException e) {
                        failure = Optional.of(
                                new Failure(observer.current().orElse("(before the first migration)"), e.getMessage()));
                    }
                }
                return new RehearsalReport(config.url().display(), made, observer.steps(), failure, (int) pending);
            }
        }
    }

    /**
     * What the live database's engine refuses while planning, where the copy runs on another one (a
     * D1 database's copy runs on SQLite, which takes statements D1 rejects): asked by {@code migrate}'s
     * own dry run on the live database, which only reads.
     */
    private static Optional<Failure> refusedByTheLiveEngine(
            StrataConfig config, BiFunction<StrataConfig, MigrationListener, Migrator> migratorFor) {
        try {
            return migratorFor
                    .apply(config, MigrationListener.SILENT)
                    .migrate(new MigrateOptions(Optional.empty(), true, false, Optional.of(false)))
                    .refusal()
                    .map(reason -> new Failure(Failure.PLANNING, reason, true));
        } catch (StrataException e) {
            return Optional.of(new Failure(Failure.PLANNING, e.getMessage(), true));
        }
    }

    /**
     * Watches the run on the copy through two sessions of its own: one counts rows between
     * migrations, the other samples locks while one runs (a JDBC session serves one thread).
     */
    private static final class Observer extends ForwardingMigrationListener implements AutoCloseable {

        private final Database counter;
        private final Database sampler;
        private final List<Step> steps = new ArrayList<>();

        private String current;
        private Schema schemaBefore;
        private Map<String, Long> rowsBefore;
        private long startedAt;
        private Thread sampling;
        private final Set<String> locks = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        private volatile boolean running;

        Observer(Database counter, Database sampler, MigrationListener progress) {
            super(progress);
            this.counter = counter;
            this.sampler = sampler;
        }

        Optional<String> current() {
            return Optional.ofNullable(current);
        }

        List<Step> steps() {
            return List.copyOf(steps);
        }

        @Override
        public void applying(Migration migration) {
            current = migration.label();
            schemaBefore = counter.schema();
            rowsBefore = rows(schemaBefore);
            locks.clear();
            running = true;
            sampling = new Thread(this::sample, "strata-rehearsal-locks");
            sampling.setDaemon(true);
            sampling.start();
            super.applying(migration);
            startedAt = System.nanoTime();
        }

        @Override
        public void applied(AppliedMigration row) {
            Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
            stopSampling();
            Schema after = counter.schema();
            Map<String, Long> rowsAfter = rows(after);
            Set<String> touched = new LinkedHashSet<>();
            for (SchemaChange change : SchemaDiff.between(schemaBefore, after)) {
                touched.add(change.table() == null ? change.name() : change.table());
            }
            Set<String> all = new LinkedHashSet<>(rowsBefore.keySet());
            all.addAll(rowsAfter.keySet());
            List<TableRows> tables = new ArrayList<>();
            for (String table : all) {
                long before = rowsBefore.getOrDefault(table, -1L);
                long rowsNow = rowsAfter.getOrDefault(table, -1L);
                if (before != rowsNow || touched.contains(table)) {
                    tables.add(new TableRows(table, before, rowsNow));
                }
            }
            steps.add(new Step(row.label(), took, tables, List.copyOf(locks)));
            current = null;
            super.applied(row);
        }

        private Map<String, Long> rows(Schema schema) {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (Table table : schema.tables()) {
                rows.put(
                        schema.display(table.name()),
                        counter.queryPlanner().countRows(table.name(), Long.MAX_VALUE - 1));
            }
            return rows;
        }

        private void sample() {
            while (running) {
                try {
                    locks.addAll(sampler.locksHeldByOthers());
                    Thread.sleep(LOCK_SAMPLE_EVERY.toMillis());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // A sample that fails (the copy's session busy) is skipped; the next one may see more.
                }
            }
        }

        private void stopSampling() {
            running = false;
            if (sampling != null) {
                try {
                    sampling.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close() {
            stopSampling();
            counter.close();
            sampler.close();
        }
    }
}
