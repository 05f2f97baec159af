package dev.strata.engine;

import dev.strata.adopt.Adoption;
import dev.strata.adopt.AdoptionPlan;
import dev.strata.adopt.ForeignHistory;
import dev.strata.adopt.Tool;
import dev.strata.config.HistoryMirror;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.MigrationLock;
import dev.strata.dialect.RecordedMigration;
import dev.strata.history.AppliedMigration;
import dev.strata.source.Migration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code strata adopt [--from TOOL]}: takes over the history another tool keeps in the database. Every
 * migration the tool applied and a file stands for is recorded in strata's history, with the time
 * the tool ran it, without running anything; the tool's own table is left as it is.
 *
 * <p>Adoption is an explicit step rather than something {@code migrate} does on its own: it is the
 * moment a database changes hands, and the user should see what was matched and what was not
 * before strata starts applying migrations there, perhaps while the other tool is still deployed.
 */
final class Adopter {

    private final Function<Dialect.Access, Database> sessions;
    private final HistoryMirror mirror;

    Adopter(Function<Dialect.Access, Database> sessions, HistoryMirror mirror) {
        this.sessions = sessions;
        this.mirror = mirror;
    }

    AdoptResult run(List<Migration> files, Optional<Tool> from, boolean dryRun) {
        try (Database reader = sessions.apply(Dialect.Access.READ)) {
            AdoptionPlan plan = plan(files, reader, from);
            if (dryRun || plan.matched().isEmpty()) {
                return result(reader.description(), plan, preview(plan), true);
            }
        }
        try (Database db = sessions.apply(Dialect.Access.WRITE);
                MigrationLock lock = db.lock()) {
            db.ensureHistory();
            AdoptionPlan plan = plan(files, db, from); // again under the lock: the history may have moved
            String how = "adopted from " + plan.history().tool().displayName();
            return result(db.description(), plan, db.record(records(plan), how), false);
        }
    }

    private AdoptionPlan plan(List<Migration> files, Database db, Optional<Tool> from) {
        List<AppliedMigration> history = db.appliedMigrations();
        // With history = "d1" wrangler's table is shared, so what wrangler applied since can be adopted later too.
        if (!history.isEmpty() && mirror != HistoryMirror.D1) {
            throw new MigrationRefusedException(
                    "nothing was adopted:",
                    List.of(db.description() + " already has a"
                            + " strata history (" + history.size()
                            + " rows); adopt only takes over a database strata has"
                            + " not used yet."));
        }
        List<ForeignHistory> found = ForeignHistories.find(db, history, mirror);
        ForeignHistory chosen = choose(found, from, db.description());
        AdoptionPlan plan = Adoption.plan(chosen, files);
        if (!plan.failed().isEmpty()) {
            throw new MigrationRefusedException("nothing was adopted:", plan.failed());
        }
        return plan;
    }

    private static ForeignHistory choose(List<ForeignHistory> found, Optional<Tool> from, String database) {
        if (from.isPresent()) {
            return found.stream()
                    .filter(h -> h.tool() == from.get())
                    .findFirst()
                    .orElseThrow(() -> new MigrationRefusedException(
                            "nothing was adopted:",
                            List.of(database
                                    + " holds no history of " + from.get().displayName() + " (no rows in "
                                    + from.get().table() + ")"
                                    + (found.isEmpty() ? "." : "; found: " + names(found) + "."))));
        }
        if (found.isEmpty()) {
            throw new MigrationRefusedException(
                    "nothing was adopted:",
                    List.of(database + " holds no history of"
                            + " another tool; looked for the tables of " + Tool.ids()
                            + ". For a database built some other"
                            + " way, use 'strata baseline --version V'."));
        }
        if (found.size() > 1) {
            throw new MigrationRefusedException(
                    "nothing was adopted:",
                    List.of(database + " holds the histories of "
                            + names(found) + "; choose one with --from ("
                            + found.stream().map(h -> h.tool().id()).collect(Collectors.joining(" or ")) + ")."));
        }
        return found.get(0);
    }

    private static List<RecordedMigration> records(AdoptionPlan plan) {
        return plan.matched().stream()
                .map(m -> new RecordedMigration(
                        m.file().version(),
                        m.file().name(),
                        m.file().checksum(),
                        m.row().appliedAt(),
                        m.row().executionMs().orElse(0L)))
                .toList();
    }

    private static List<AppliedMigration> preview(AdoptionPlan plan) {
        java.time.Instant now = java.time.Instant.now();
        String how = "adopted from " + plan.history().tool().displayName();
        return records(plan).stream()
                .map(r -> new AppliedMigration(
                        r.version(), r.name(), r.checksum(), r.appliedAt().orElse(now), how, r.executionMs(), true))
                .toList();
    }

    private static AdoptResult result(String database, AdoptionPlan plan, List<AppliedMigration> rows, boolean dryRun) {
        return new AdoptResult(
                database,
                plan.history(),
                rows,
                plan.unmatched(),
                plan.matched().stream().flatMap(m -> m.warning().stream()).toList(),
                dryRun);
    }

    private static String names(List<ForeignHistory> found) {
        return found.stream().map(ForeignHistory::shown).collect(Collectors.joining(" and "));
    }
}
