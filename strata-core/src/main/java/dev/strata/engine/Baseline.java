package dev.strata.engine;

import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.MigrationLock;
import dev.strata.dialect.RecordedMigration;
import dev.strata.history.AppliedMigration;
import dev.strata.source.Migration;
import dev.strata.source.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code strata baseline --version V}: for a database whose schema already holds everything up to
 * V (built by hand, by a dump, by another tool), records V and every version before it as applied
 * without running them, so that {@code migrate} starts after V.
 *
 * <p>It refuses, changing nothing, when the history already holds a version above V (the database
 * is further along than the user thinks, or the URL names another one) or a failed migration.
 */
final class Baseline {

    static final String HOW = "baseline";

    private final Function<Dialect.Access, Database> sessions;

    Baseline(Function<Dialect.Access, Database> sessions) {
        this.sessions = sessions;
    }

    BaselineResult run(List<Migration> files, Version version, boolean dryRun) {
        if (version.repeatable()) {
            throw new dev.strata.config.ConfigurationException("--version " + version + ": a repeatable migration has"
                    + " no version to baseline at; give the version of a V file.");
        }
        try (Database reader = sessions.apply(Dialect.Access.READ)) {
            List<RecordedMigration> toRecord = plan(files, reader.appliedMigrations(), version, reader.description());
            if (dryRun || toRecord.isEmpty()) {
                return new BaselineResult(reader.description(), version, preview(toRecord), true);
            }
        }
        try (Database db = sessions.apply(Dialect.Access.WRITE);
                MigrationLock lock = db.lock()) {
            db.ensureHistory();
            // Planned again under the lock: another process may have moved the history meanwhile.
            List<RecordedMigration> toRecord = plan(files, db.appliedMigrations(), version, db.description());
            return new BaselineResult(db.description(), version, db.record(toRecord, HOW), false);
        }
    }

    private static List<RecordedMigration> plan(
            List<Migration> files, List<AppliedMigration> history, Version version, String database) {
        List<String> reasons = new ArrayList<>();
        for (AppliedMigration row : history) {
            if (!row.success()) {
                reasons.add(row.label() + " is recorded as failed; clean up, run 'strata repair', then baseline.");
            } else if (!row.version().repeatable() && row.version().compareTo(version) > 0) {
                reasons.add(row.label() + " is already recorded as applied, above " + version + ": the database is"
                        + " further along than the baseline. Check the URL, or baseline at "
                        + row.version().text()
                        + " or later.");
            }
        }
        if (!reasons.isEmpty()) {
            throw new MigrationRefusedException("nothing was recorded on " + database + ":", reasons);
        }
        Map<String, AppliedMigration> applied = MigrationStates.byId(history);
        List<RecordedMigration> toRecord = new ArrayList<>();
        for (Migration file : files) {
            if (!file.version().repeatable()
                    && file.version().compareTo(version) <= 0
                    && !applied.containsKey(file.version().id())) {
                toRecord.add(new RecordedMigration(file.version(), file.name(), file.checksum(), Optional.empty(), 0));
            }
        }
        return toRecord;
    }

    /** The rows a dry run would write, as far as they can be known without the database's user. */
    private static List<AppliedMigration> preview(List<RecordedMigration> toRecord) {
        Instant now = Instant.now();
        return toRecord.stream()
                .map(m -> new AppliedMigration(m.version(), m.name(), m.checksum(), now, HOW, 0, true))
                .toList();
    }
}
