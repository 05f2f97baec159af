package dev.strata.engine;

import dev.strata.adopt.ForeignHistory;
import dev.strata.callback.Callback;
import dev.strata.callback.CallbackFile;
import dev.strata.callback.CallbackFiles;
import dev.strata.config.ConfigurationException;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.MigrationLock;
import dev.strata.history.AppliedMigration;
import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import dev.strata.lint.LintSettings;
import dev.strata.lint.Severity;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import dev.strata.source.MigrationSourceException;
import dev.strata.source.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Orders, checks and runs migrations through a {@link Database}. Knows nothing of any engine.
 *
 * <p>Every run reads the folder once and the history once, checks everything, prepares every script
 * it will run, and only then changes the database: a file that can't be read or parsed stops the run
 * before the first change.
 */
public final class Migrator {

    private final StrataConfig config;
    private final Dialect dialect;
    private final MigrationListener listener;
    private final PendingLint pendingLint;
    private final List<Callback> callbacks;

    /** A migrator whose gate reads the pending migrations' statements alone. */
    public Migrator(StrataConfig config, MigrationListener listener) {
        this(
                config,
                listener,
                (files, pending, live) ->
                        new MigrationLinter(config, LintSettings.from(config)).migrations(files, pending::contains));
    }

    /**
     * @param pendingLint the analysis that judges pending migrations, for the gate in front of
     *                    {@link #migrate} and for {@code lint --pending} alike
     */
    public Migrator(StrataConfig config, MigrationListener listener, PendingLint pendingLint) {
        this(config, listener, pendingLint, List.of());
    }

    /** @param callbacks the Java callbacks {@link #migrate} calls, beside the SQL files of {@code callbacks/} */
    public Migrator(
            StrataConfig config, MigrationListener listener, PendingLint pendingLint, List<Callback> callbacks) {
        this.config = config;
        this.dialect = Dialects.forUrl(config.url());
        this.listener = listener;
        this.pendingLint = pendingLint;
        this.callbacks = List.copyOf(callbacks);
    }

    public StatusReport status() {
        List<Migration> files = scan();
        try (Database db = open(Dialect.Access.READ)) {
            List<AppliedMigration> history = db.appliedMigrations();
            List<ForeignHistory> foreign = ForeignHistories.find(db, history, config.historyMirror());
            return new StatusReport(
                    db.description(),
                    MigrationStates.join(files, history, foreign),
                    foreign,
                    callbackFiles(),
                    ExpandContract.states(ExpandContract.pairs(files, dialect.splitter()), history));
        }
    }

    public ValidationReport validate(boolean outOfOrderAllowed) {
        List<Migration> files;
        try {
            files = scan();
        } catch (MigrationSourceException e) {
            return Validator.sourceProblems(config.url().display(), e);
        }
        try (Database db = open(Dialect.Access.READ)) {
            return new Validator(dialect.splitter(), config.historyMirror()).validate(files, db, outOfOrderAllowed);
        }
    }

    public MigrateResult migrate(MigrateOptions options) {
        return migrate(options, MigrationGate.NONE);
    }

    /**
     * Like {@link #migrate(MigrateOptions)}, with {@code gate} run between planning and the first
     * change (not for a dry run, nor when nothing is pending).
     */
    public MigrateResult migrate(MigrateOptions options, MigrationGate gate) {
        List<Migration> files = scan();
        options.target().ifPresent(target -> requireFile(files, target, "--target"));
        Callbacks around = Callbacks.prepare(callbackFiles(), dialect, callbacks);
        boolean single = options.singleTransaction().orElse(config.singleTransaction());
        // Plan on a read-only session first: a refused run must not so much as create the history table.
        Plan plan;
        String description;
        try (Database reader = open(Dialect.Access.READ)) {
            plan = plan(files, reader.appliedMigrations(), reader, options, single);
            Optional<LintReport> report = lint(files, plan, reader);
            plan.heldBack().ifPresent(listener::note);
            if (options.dryRun()) {
                // A dry run shows what would happen, the gate's verdict included, instead of refusing.
                return new MigrateResult(
                        reader.description(),
                        plan.steps(),
                        List.of(),
                        0,
                        true,
                        report.map(LintReport::findings).orElse(List.of()),
                        report.filter(LintReport::hasErrors).map(this::refusal),
                        single,
                        plan.heldBack());
            }
            report.ifPresent(this::refuseOnErrors);
            if (plan.steps().isEmpty()) {
                return new MigrateResult(
                        reader.description(),
                        plan.steps(),
                        List.of(),
                        0,
                        false,
                        List.of(),
                        Optional.empty(),
                        single,
                        plan.heldBack());
            }
            description = reader.description();
        }
        gate.beforeChanges(description, plan.steps());
        try (Database db = open(Dialect.Access.WRITE);
                MigrationLock lock = db.lock()) {
            db.ensureHistory();
            List<AppliedMigration> history = db.appliedMigrations();
            if (!history.equals(plan.history())) {
                // Another process moved the history while this one waited: re-plan, but never run more than
                // the gate let through.
                plan = withinApproved(plan(files, history, db, options, single), plan, db.description());
            }
            List<AppliedMigration> applied = new ArrayList<>(plan.steps().size());
            // On SQLite each migration's write transaction is the lock: re-check the plan's history in each.
            db.guardHistory(HistoryMoved.forMigrate(db.description(), files, plan.history(), applied));
            db.aroundEach(around.each(db.description()));
            db.limitWaits(config.locks());
            LockRetries retries = new LockRetries(config.locks(), listener);
            int skipped = 0;
            try {
                around.beforeMigrate(db);
                if (single) {
                    skipped = applyAll(db, plan.steps(), applied);
                }
                for (PlannedMigration step : single ? List.<PlannedMigration>of() : plan.steps()) {
                    Migration migration = step.migration();
                    listener.applying(migration);
                    step.notice().ifPresent(listener::notice);
                    Optional<AppliedMigration> row = retries.apply(db, migration, step.script());
                    if (row.isPresent()) {
                        applied.add(row.get());
                        listener.applied(row.get());
                    } else {
                        skipped++;
                        listener.skipped(migration);
                    }
                }
                around.afterMigrate(db);
            } catch (RuntimeException failure) {
                around.afterMigrateError(db, failure, listener);
                throw failure;
            }
            return new MigrateResult(
                    db.description(),
                    plan.steps(),
                    applied,
                    skipped,
                    false,
                    List.of(),
                    Optional.empty(),
                    single,
                    plan.heldBack());
        }
    }

    /**
     * Lints migrations without changing the database. With {@code pending}, the migrations that
     * {@code migrate} would apply, judged exactly as its gate judges them (with the shadow database
     * and the rows on this one, unless {@code shadow} is off).
     */
    public LintReport lint(LintRequest request) {
        MigrationLinter linter = new MigrationLinter(config, LintSettings.from(config));
        if (!request.paths().isEmpty()) {
            if (request.pending()) {
                throw new ConfigurationException("--pending lints the migrations folder against the database; it"
                        + " can't be combined with file or folder names");
            }
            return linter.paths(request.paths());
        }
        List<Migration> files = scan();
        if (!request.pending()) {
            return withCallbacks(files, linter.migrations(files, migration -> true));
        }
        try (Database reader = open(Dialect.Access.READ)) {
            Map<String, AppliedMigration> applied = MigrationStates.byId(reader.appliedMigrations());
            Set<Migration> pending = files.stream()
                    .filter(m -> MigrationStates.needsRun(m, applied))
                    .collect(Collectors.toSet());
            return withCallbacks(
                    files,
                    request.shadow()
                            ? pendingLint.lint(files, pending, reader)
                            : linter.migrations(files, pending::contains));
        }
    }

    /**
     * {@code report} with the findings in the SQL callbacks added: each callback is linted as a file
     * that runs after every migration of {@code files}, so it meets the tables they create.
     */
    public LintReport withCallbacks(List<Migration> files, LintReport report) {
        List<CallbackFile> found = callbackFiles();
        if (found.isEmpty()) {
            return report;
        }
        LintReport callbackReport = new MigrationLinter(config, LintSettings.from(config)).callbacks(files, found);
        List<dev.strata.lint.Finding> findings = new ArrayList<>(report.findings());
        findings.addAll(callbackReport.findings());
        return new LintReport(report.files() + callbackReport.files(), findings, report.notes());
    }

    /**
     * The whole folder's lint ({@code all}, read without a database) with the findings about lost
     * rows in its pending migrations judged as the gate in front of migrate judges them on this
     * database: how many rows are here, or that the table is empty here. Everything else stays as
     * {@code all} has it; so does everything when the database can't be reached (a note says so).
     */
    public LintReport judgedHere(LintReport all) {
        List<Migration> files = scan();
        LintReport here;
        Set<String> judged;
        try (Database reader = open(Dialect.Access.READ)) {
            Map<String, AppliedMigration> applied = MigrationStates.byId(reader.appliedMigrations());
            Set<Migration> pending = files.stream()
                    .filter(m -> MigrationStates.needsRun(m, applied))
                    .collect(Collectors.toSet());
            here = pendingLint.lint(files, pending, reader);
            judged = pending.stream().map(Migration::upSource).collect(Collectors.toSet());
        } catch (DatabaseException e) {
            if (!all.notes().isEmpty()) {
                return all; // the shadow next to the same database could not be made either, and it says why
            }
            List<String> notes = new ArrayList<>(all.notes());
            notes.add("the database could not be read (" + e.getMessage() + "); findings about lost rows are not"
                    + " judged by the rows there");
            return new LintReport(all.files(), all.findings(), notes);
        }
        Map<String, Finding> byPlace = new java.util.HashMap<>();
        here.findings()
                .forEach(f -> byPlace.putIfAbsent(f.rule() + "|" + f.file() + "|" + f.line() + "|" + f.column(), f));
        List<Finding> findings = all.findings().stream()
                .map(f -> f.destroys().isEmpty() || !judged.contains(f.file())
                        ? f
                        : byPlace.getOrDefault(f.rule() + "|" + f.file() + "|" + f.line() + "|" + f.column(), f))
                .toList();
        return new LintReport(all.files(), findings, all.notes());
    }

    public DownResult down(DownRequest request) {
        List<Migration> files = scan();
        request.to().ifPresent(to -> requireFile(files, to, "--to"));
        Optional<String> nothingApplied = nothingApplied();
        if (nothingApplied.isPresent()) {
            return new DownResult(nothingApplied.get(), List.of());
        }
        try (Database db = open(Dialect.Access.WRITE);
                MigrationLock lock = db.lock()) {
            List<AppliedMigration> history = db.appliedMigrations();
            List<String> reasons = new ArrayList<>();
            history.stream()
                    .filter(row -> !row.success())
                    .forEach(row ->
                            reasons.add(row.label() + " failed part-way; clean up, run 'strata repair', then revert."));
            List<AppliedMigration> selected = select(history, request);
            Map<String, Migration> byId =
                    files.stream().collect(Collectors.toMap(m -> m.version().id(), Function.identity()));
            List<dev.strata.dialect.ExecutableScript> scripts = new ArrayList<>(selected.size());
            for (AppliedMigration row : selected) {
                prepareDown(row, byId.get(row.version().id()), reasons).ifPresent(scripts::add);
            }
            if (!reasons.isEmpty()) {
                throw new MigrationRefusedException("nothing was reverted:", reasons);
            }
            List<AppliedMigration> reverted = new ArrayList<>(selected.size());
            // The selection was made on the history read above; on SQLite the write lock is taken only by each
            // revert's transaction, which re-checks it there.
            db.guardHistory(HistoryMoved.forDown(db.description(), history, selected, reverted));
            // Down scripts wait for locks as migrations do, but are not tried again: down is run by hand.
            db.limitWaits(config.locks());
            for (int i = 0; i < selected.size(); i++) {
                listener.reverting(selected.get(i));
                if (db.revert(selected.get(i), scripts.get(i))) {
                    reverted.add(selected.get(i));
                    listener.reverted(selected.get(i));
                }
            }
            return new DownResult(db.description(), reverted);
        }
    }

    /**
     * Records {@code version} and every version before it as applied, without running them.
     *
     * @throws ConfigurationException when no file has that version
     * @throws MigrationRefusedException when the history holds a version above it or a failed one
     */
    public BaselineResult baseline(Version version, boolean dryRun) {
        List<Migration> files = scan();
        requireFile(files, version, "--version");
        return new Baseline(this::open).run(files, version, dryRun);
    }

    /**
     * Takes over another tool's history: records every migration it applied that a file stands for.
     *
     * @param from  the tool, when the database holds the histories of several
     */
    public AdoptResult adopt(Optional<dev.strata.adopt.Tool> from, boolean dryRun) {
        return new Adopter(this::open, config.historyMirror()).run(scan(), from, dryRun);
    }

    public RepairResult repair() {
        Optional<String> nothingApplied = nothingApplied();
        if (nothingApplied.isPresent()) {
            return new RepairResult(nothingApplied.get(), List.of(), List.of());
        }
        try (Database db = open(Dialect.Access.WRITE);
                MigrationLock lock = db.lock()) {
            List<AppliedMigration> failed = db.appliedMigrations().stream()
                    .filter(row -> !row.success())
                    .toList();
            for (AppliedMigration row : failed) {
                db.deleteFailedRecord(row.version());
            }
            return new RepairResult(db.description(), failed, failed.isEmpty() ? List.of() : db.leftovers());
        }
    }

    // ---- steps -----------------------------------------------------------------------------------

    /**
     * The pending migrations, prepared, and the history they were planned against.
     *
     * @param heldBack why contract migrations (and what follows them) are not among the steps
     */
    private record Plan(List<PlannedMigration> steps, List<AppliedMigration> history, Optional<String> heldBack) {}

    private Plan plan(
            List<Migration> files,
            List<AppliedMigration> history,
            Database db,
            MigrateOptions options,
            boolean singleTransaction) {
        List<String> reasons = new ArrayList<>();
        List<ForeignHistory> foreign = ForeignHistories.find(db, history, config.historyMirror());
        Map<String, AppliedMigration> applied = MigrationStates.byId(history);
        Map<String, BackfillDirectives.Resumed> resumed =
                BackfillDirectives.resumed(files, applied, db, dialect.splitter());
        HistoryChecks.check(
                        MigrationStates.join(files, history, foreign).stream()
                                .filter(row -> row.state() != MigrationState.FAILED
                                        || !resumed.containsKey(row.version().id()))
                                .toList(),
                        options.outOfOrder(),
                        db,
                        foreign,
                        SquashedHistory.of(files, history))
                .forEach(problem -> reasons.add(problem.message()));
        List<PlannedMigration> steps = new ArrayList<>();
        for (Migration migration : files) {
            // Repeatable migrations sort after every version, so a --target also holds them back.
            boolean beyondTarget = options.target()
                    .map(t -> migration.version().compareTo(t) > 0)
                    .orElse(false);
            BackfillDirectives.Resumed resume = resumed.get(migration.version().id());
            if (resume != null && !beyondTarget) {
                steps.add(new PlannedMigration(migration, resume.script(), Optional.of(resume.note())));
                continue;
            }
            if (!MigrationStates.needsRun(migration, applied) || beyondTarget) {
                continue;
            }
            ScriptPreparer.Prepared prepared = ScriptPreparer.prepareMigration(migration, dialect.splitter());
            reasons.addAll(prepared.problems());
            if (prepared.ok()
                    && migration.version().repeatable()
                    && !prepared.script().transactional()) {
                reasons.add(migration.upSource() + ": a repeatable migration is re-run whenever it changes, so it must"
                        + " run in a transaction; remove the no-transaction header or make it a versioned migration.");
                continue;
            }
            if (prepared.ok()) {
                reasons.addAll(dialect.unsupported(prepared.script()));
                for (dev.strata.sql.Backfill backfill : prepared.script().backfills()) {
                    db.backfillRefusal(backfill)
                            .ifPresent(refusal -> reasons.add(migration.upSource() + ":" + backfill.directiveLine()
                                    + ": '-- strata:backfill': " + refusal));
                }
                steps.add(new PlannedMigration(migration, prepared.script(), prepared.notice()));
            }
        }
        List<ExpandContract.Pair> pairs = ExpandContract.pairs(files, dialect.splitter());
        reasons.addAll(ExpandContract.problems(pairs, history));
        ExpandContract.Guarded guarded = ExpandContract.guard(steps, pairs, history, options.contract());
        steps = new ArrayList<>(guarded.steps());
        if (singleTransaction && !steps.isEmpty()) {
            reasons.addAll(SingleTransaction.refusals(steps, db));
        }
        if (!reasons.isEmpty()) {
            throw new MigrationRefusedException("nothing was applied:", reasons);
        }
        return new Plan(steps, history, guarded.heldBack());
    }

    /**
     * Applies every step in the write transaction of {@link Database#applyAll}, telling the listener
     * of each as it starts, and of what was applied only once all of it committed.
     *
     * @return how many another process had applied first
     */
    private int applyAll(Database db, List<PlannedMigration> steps, List<AppliedMigration> applied) {
        java.util.IdentityHashMap<dev.strata.dialect.MigrationScript, PlannedMigration> byScript =
                new java.util.IdentityHashMap<>();
        List<dev.strata.dialect.MigrationScript> scripts = new ArrayList<>(steps.size());
        for (PlannedMigration step : steps) {
            Migration migration = step.migration();
            dev.strata.dialect.MigrationScript script = new dev.strata.dialect.MigrationScript(
                    migration.version(), migration.name(), migration.checksum(), step.script());
            byScript.put(script, step);
            scripts.add(script);
        }
        List<Optional<AppliedMigration>> rows = db.applyAll(scripts, script -> {
            PlannedMigration step = byScript.get(script);
            listener.applying(step.migration());
            step.notice().ifPresent(listener::notice);
        });
        int skipped = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (rows.get(i).isPresent()) {
                applied.add(rows.get(i).get());
                listener.applied(rows.get(i).get());
            } else {
                skipped++;
                listener.skipped(steps.get(i).migration());
            }
        }
        return skipped;
    }

    /**
     * Lints what is about to run, before anything runs: an error-severity finding refuses the whole
     * run, warnings (among them "the table is empty here") are passed to the listener.
     */
    private Optional<LintReport> lint(List<Migration> files, Plan plan, Database reader) {
        if (plan.steps().isEmpty()) {
            return Optional.empty();
        }
        if (!config.lint().gate()) {
            listener.note("the lint gate is off: the pending migrations were not linted before they run"
                    + " (lint them in the build with 'strata lint')");
            return Optional.empty();
        }
        Set<Migration> pending =
                plan.steps().stream().map(PlannedMigration::migration).collect(Collectors.toSet());
        // The schema comes from the migrations themselves (run on the shadow), not from the live catalog:
        // that is deterministic and can't race with another process migrating meanwhile. Only the rows a
        // finding would delete are read from the live database.
        LintReport report = withCallbacks(files, pendingLint.lint(files, pending, reader));
        report.notes().forEach(listener::note);
        return Optional.of(report);
    }

    /** Refuses the whole run on an error-severity finding; a warning is reported and the run goes on. */
    private void refuseOnErrors(LintReport report) {
        report.findings().stream().filter(f -> f.severity() == Severity.WARNING).forEach(listener::linted);
        if (!report.hasErrors()) {
            return;
        }
        List<String> reasons = report.errors().stream()
                .map(f -> f.location() + ": " + f.rule() + ": " + f.message()
                        + System.lineSeparator() + "    fix: " + f.fix()
                        + (f.allowable()
                                ? System.lineSeparator() + "    to accept the risk: put '" + f.allowComment()
                                        + "' on the line before the statement, or set " + f.rule()
                                        + " = \"warning\" in [lint] of strata.toml"
                                : ""))
                .toList();
        throw new MigrationRefusedException("nothing was applied: " + refusal(report) + ":", reasons);
    }

    /** {@code the linter found 2 errors in the pending migrations}, and why warnings count when they do. */
    private String refusal(LintReport report) {
        int errors = report.errors().size();
        String strict = LintSettings.from(config).strict()
                ? " (environment " + config.environment().orElse("?")
                        + " sets lint = \"strict\", so warnings count as errors)"
                : "";
        return "the linter found " + errors + " error" + (errors == 1 ? "" : "s") + " in the pending migrations"
                + strict;
    }

    /** {@code replanned}, unless it holds a migration the gate did not see (the history went backwards). */
    private static Plan withinApproved(Plan replanned, Plan approved, String database) {
        Set<String> seen = approved.steps().stream()
                .map(step -> step.migration().version().id())
                .collect(Collectors.toSet());
        List<String> unseen = replanned.steps().stream()
                .filter(step -> !seen.contains(step.migration().version().id()))
                .map(step -> step.migration().label())
                .toList();
        if (!unseen.isEmpty()) {
            throw new MigrationRefusedException(
                    "nothing was applied:",
                    List.of("the history of " + database
                            + " changed while strata waited for its lock, and now " + String.join(", ", unseen)
                            + " would run without having been checked before; run 'strata migrate' again."));
        }
        return replanned;
    }

    private Optional<dev.strata.dialect.ExecutableScript> prepareDown(
            AppliedMigration row, Migration file, List<String> reasons) {
        if (file == null) {
            reasons.add(row.label() + " is applied but its files are gone; restore them to revert it.");
            return Optional.empty();
        }
        if (!file.checksum().equals(row.checksum())) {
            reasons.add(file.upSource() + ": edited after it was applied; its down script may not match what ran."
                    + " Restore the file first.");
            return Optional.empty();
        }
        String text;
        try {
            text = MigrationDirectory.readDown(file);
        } catch (MigrationSourceException e) {
            reasons.addAll(e.problems());
            return Optional.empty();
        }
        ScriptPreparer.Prepared prepared = ScriptPreparer.prepareToRun(
                MigrationDirectory.downSource(file).orElseThrow(), text, dialect.splitter());
        reasons.addAll(prepared.problems());
        if (prepared.ok()) {
            reasons.addAll(dialect.unsupported(prepared.script()));
        }
        return prepared.ok() ? Optional.of(prepared.script()) : Optional.empty();
    }

    private static List<AppliedMigration> select(List<AppliedMigration> history, DownRequest request) {
        // Repeatable migrations are re-run when they change, never reverted.
        List<AppliedMigration> newestFirst = history.stream()
                .filter(AppliedMigration::success)
                .filter(row -> !row.version().repeatable())
                .sorted(Comparator.comparing(AppliedMigration::version).reversed())
                .toList();
        if (request.everything()) {
            return newestFirst;
        }
        if (request.to().isPresent()) {
            Version to = request.to().get();
            return newestFirst.stream()
                    .filter(row -> row.version().compareTo(to) > 0)
                    .toList();
        }
        return newestFirst.subList(0, Math.min(request.steps(), newestFirst.size()));
    }

    private static void requireFile(List<Migration> files, Version version, String option) {
        if (files.stream().noneMatch(m -> m.version().sameAs(version))) {
            throw new ConfigurationException(option + " " + version + ": no migration file has version " + version
                    + "; 'strata status' lists the versions.");
        }
    }

    /**
     * The database's description when its history is empty, so that a command with nothing to do
     * returns without opening the database for writing (which would create a SQLite file).
     */
    private Optional<String> nothingApplied() {
        try (Database reader = open(Dialect.Access.READ)) {
            return reader.appliedMigrations().isEmpty() ? Optional.of(reader.description()) : Optional.empty();
        }
    }

    private List<CallbackFile> callbackFiles() {
        return CallbackFiles.scan(config.projectDir(), config.migrationsDir());
    }

    private List<Migration> scan() {
        return MigrationDirectory.scan(config.projectDir(), config.migrationsDir());
    }

    /**
     * {@code strata reset}'s drop: every object of the migrated schema (or with {@code everything}
     * of the database), strata's history and other tools' histories included. With {@code dryRun}
     * only lists them.
     */
    public ResetResult reset(boolean everything, boolean dryRun) {
        try (Database db = open(dryRun ? Dialect.Access.READ : Dialect.Access.WRITE)) {
            // Other tools' histories go too: left behind, they would make the migrate that follows refuse
            // (a database with another tool's history and no strata history must be adopted first).
            java.util.Set<String> keep = java.util.Set.of();
            try (MigrationLock lock = dryRun ? () -> {} : db.lock()) {
                List<String> dropped = dryRun ? db.resetObjects(everything, keep) : db.reset(everything, keep);
                return new ResetResult(db.description(), dropped, List.copyOf(keep), java.util.Optional.empty());
            }
        } catch (UnsupportedOperationException e) {
            throw new ResetRefusedException(e.getMessage() + "; reset works on SQLite (and local D1 files) and"
                    + " PostgreSQL. Nothing was changed.");
        }
    }

    private Database open(Dialect.Access access) {
        return dialect.open(
                config.url(),
                new HistorySettings(config.historyTable(), config.schema(), config.historyMirror()),
                access,
                listener);
    }
}
