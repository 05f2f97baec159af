package dev.strata.inspect;

import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.MigrationFailedException;
import dev.strata.engine.MigrateOptions;
import dev.strata.engine.MigrateResult;
import dev.strata.engine.MigrationListener;
import dev.strata.engine.Migrator;
import dev.strata.engine.PlannedMigration;
import dev.strata.history.AppliedMigration;
import dev.strata.schema.Index;
import dev.strata.schema.NotCompared;
import dev.strata.schema.Schema;
import dev.strata.schema.SchemaChange;
import dev.strata.schema.SchemaDiff;
import dev.strata.schema.Table;
import dev.strata.schema.VirtualTable;
import dev.strata.shadow.ShadowDatabase;
import dev.strata.shadow.ShadowException;
import dev.strata.shadow.ShadowReplays;
import dev.strata.shadow.ShadowStep;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dump}, {@code drift}, {@code plan} and {@code check}: questions about a database's schema,
 * answered from its catalog and from what its migration files produce on a {@link ShadowDatabase}.
 * Never writes to the configured database: it is only opened read-only.
 */
public final class Inspector {

    private final StrataConfig config;
    private final Dialect dialect;
    private final MigrationListener listener;
    private final ShadowReplays replays;

    /**
     * @param replays where drift and check take the schema their applied files leave: a fleet shares
     *                one among its targets, so that targets of the same settings share one replay
     */
    public Inspector(StrataConfig config, MigrationListener listener, ShadowReplays replays) {
        this.config = config;
        this.dialect = Dialects.forUrl(config.url());
        this.listener = listener;
        this.replays = replays;
    }

    /** The live database's schema, or with {@code fromMigrations} the schema all migration files produce. */
    public SchemaDump dump(boolean fromMigrations) {
        if (fromMigrations) {
            List<Migration> files = scan();
            try (ShadowDatabase shadow = ShadowDatabase.create(config, listener)) {
                // Only the end state is dumped: one schema read, not one after every file.
                Schema schema = shadow.applyAllThenRead(files);
                return new SchemaDump("the migrations in " + folder(), schema, script(schema));
            }
        }
        try (Database database = open()) {
            Schema schema = database.schema();
            return new SchemaDump(database.description(), schema, script(schema));
        }
    }

    /** The dump's text: what it leaves out as comments first, so a reader of the file learns it too. */
    private String script(Schema schema) {
        StringBuilder text = new StringBuilder();
        schema.notCompared()
                .forEach(skipped -> text.append("-- not compared (not in this dump): ")
                        .append(skipped.describe())
                        .append('\n'));
        if (!text.isEmpty()) {
            text.append('\n');
        }
        return text.append(dialect.schemaWriter().script(schema)).toString();
    }

    /**
     * Loads a dump into a throwaway database of the engine and reads it back: the problems, empty when
     * it loads and gives {@code expected} again. A dump that does not load is no reference schema.
     *
     * @param source the dump's name for messages, e.g. {@code schema.sql}
     */
    public List<String> reload(String source, String sql, Schema expected) {
        Schema loaded;
        try (ShadowDatabase shadow = ShadowDatabase.create(config, listener)) {
            loaded = shadow.load(source, sql);
        } catch (ShadowException e) {
            if (e.getCause() instanceof MigrationFailedException failed) {
                return List.of(source + ":" + failed.line() + ": does not load into an empty database: "
                        + failed.databaseMessage());
            }
            return List.of(source + " does not load into an empty database: " + e.getMessage());
        }
        return SchemaDiff.between(expected, loaded).stream()
                .map(change -> source + " loads, but gives a different schema: " + DriftReport.describe(change))
                .toList();
    }

    /** The live schema against the one its applied migrations produce. */
    public DriftReport drift() {
        List<Migration> folder = scan();
        String description;
        List<AppliedMigration> history;
        Schema live;
        try (Database database = open()) {
            description = database.description();
            history = database.appliedMigrations();
            live = database.schema();
        }
        AppliedFiles applied = AppliedFiles.select(folder, history).requireComplete();
        Schema expected = replays.applyAllThenRead(config, applied.files(), listener);
        return new DriftReport(
                description,
                applied.files().size(),
                SchemaDiff.between(expected, live),
                applied.notes(),
                notCompared(expected, live));
    }

    /**
     * The pending migrations as {@code migrate} would run them, each with the schema changes it makes.
     *
     * @throws dev.strata.engine.MigrationRefusedException when migrate would refuse before its lint gate
     */
    public PlanReport plan() {
        return plan(new Migrator(config, listener).migrate(new MigrateOptions(Optional.empty(), true, false)));
    }

    /**
     * Like {@link #plan()}, from a dry run of migrate already made: the report carries its lint
     * findings and, when migrate would refuse, why.
     */
    public PlanReport plan(MigrateResult dryRun) {
        if (dryRun.planned().isEmpty()) {
            return new PlanReport(dryRun.database(), List.of(), dryRun.findings(), dryRun.refusal());
        }
        List<AppliedMigration> history;
        try (Database database = open()) {
            history = database.appliedMigrations();
        }
        AppliedFiles applied = AppliedFiles.select(scan(), history).requireComplete();
        List<PlanReport.Step> steps = new ArrayList<>();
        try (ShadowDatabase shadow = ShadowDatabase.create(config, listener)) {
            shadow.applyAllThenRead(applied.files());
            for (PlannedMigration planned : dryRun.planned()) {
                ShadowStep step = shadow.apply(planned.migration());
                steps.add(new PlanReport.Step(planned.migration(), planned.script(), step.changes()));
            }
        }
        return new PlanReport(dryRun.database(), steps, dryRun.findings(), dryRun.refusal());
    }

    /** The engine's health checks, failed migrations, and the tables and indexes the applied migrations define. */
    public HealthReport check() {
        List<Migration> folder = scan();
        String description;
        List<AppliedMigration> history;
        Schema live;
        List<HealthReport.Problem> problems = new ArrayList<>();
        try (Database database = open()) {
            description = database.description();
            history = database.appliedMigrations();
            live = database.schema();
            database.healthProblems().forEach(p -> problems.add(new HealthReport.Problem(HealthReport.ENGINE, p)));
        }
        history.stream()
                .filter(row -> !row.success())
                .forEach(row -> problems.add(new HealthReport.Problem(
                        HealthReport.FAILED,
                        row.label() + " failed part-way; clean up what it left, run 'strata repair',"
                                + " then migrate again")));
        AppliedFiles applied = AppliedFiles.select(folder, history);
        applied.missing().forEach(m -> problems.add(new HealthReport.Problem(HealthReport.MISSING, m)));
        Schema expected = replays.applyAllThenRead(config, applied.files(), listener);
        List<MissingObject> gone = new ArrayList<>();
        for (Table table : expected.tables()) {
            if (live.table(table.name()).isEmpty()) {
                gone.add(new MissingObject(SchemaChange.ObjectKind.TABLE, expected.display(table.name())));
            }
        }
        for (Index index : expected.indexes()) {
            if (live.indexes().stream().noneMatch(found -> found.name().equals(index.name()))) {
                gone.add(new MissingObject(SchemaChange.ObjectKind.INDEX, expected.display(index.name())));
            }
        }
        for (VirtualTable table : expected.virtualTables()) {
            if (live.virtualTables().stream().noneMatch(found -> found.name().equals(table.name()))) {
                gone.add(new MissingObject(SchemaChange.ObjectKind.VIRTUAL_TABLE, expected.display(table.name())));
            }
        }
        Map<String, String> definedBy = gone.isEmpty() ? Map.of() : creators(applied.files());
        gone.forEach(object -> problems.add(object.problem(definedBy)));
        return new HealthReport(description, applied.files().size(), problems, notCompared(expected, live));
    }

    /** An object the applied migrations define that the live database lacks. */
    private record MissingObject(SchemaChange.ObjectKind kind, String name) {

        HealthReport.Problem problem(Map<String, String> definedBy) {
            String by = definedBy.get(kind + " " + name);
            return new HealthReport.Problem(
                    HealthReport.MISSING,
                    kind.word() + " " + name + " is missing"
                            + (by == null ? "" : " (created by " + by + ")")
                            + "; the applied migrations define it. Find out who dropped it, then create it again.");
        }
    }

    /**
     * Which migration created each object, from a replay one file at a time on a second shadow. Only
     * a check that found something missing asks: a schema read after every file costs far more than
     * the one read after the last (on PostgreSQL, tens of milliseconds a file).
     */
    private Map<String, String> creators(List<Migration> files) {
        Map<String, String> definedBy = new HashMap<>();
        try (ShadowDatabase shadow = ShadowDatabase.create(config, listener)) {
            for (ShadowStep step : shadow.applyAll(files)) {
                for (SchemaChange change : step.changes()) {
                    if (change.change() == SchemaChange.Change.ADDED) {
                        definedBy.put(
                                change.kind() + " " + change.name(),
                                step.migration().label());
                    }
                }
            }
        }
        return definedBy;
    }

    /** What either side holds that the model does not describe, each once. */
    private static List<NotCompared> notCompared(Schema expected, Schema live) {
        return java.util.stream.Stream.concat(live.notCompared().stream(), expected.notCompared().stream())
                .distinct()
                .toList();
    }

    private String folder() {
        Path relative = relativeFolder();
        return relative.toString().isEmpty() ? "." : relative.toString().replace('\\', '/');
    }

    private Path relativeFolder() {
        try {
            return config.projectDir().relativize(config.migrationsDir());
        } catch (IllegalArgumentException e) {
            return config.migrationsDir();
        }
    }

    private List<Migration> scan() {
        return MigrationDirectory.scan(config.projectDir(), config.migrationsDir());
    }

    private Database open() {
        // With history = "d1", wrangler's d1_migrations is history too, never part of the schema.
        return dialect.open(
                config.url(),
                new HistorySettings(config.historyTable(), config.schema(), config.historyMirror()),
                Dialect.Access.READ,
                listener);
    }
}
