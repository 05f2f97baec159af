package dev.strata.squash;

import dev.strata.config.ConfigurationException;
import dev.strata.config.StrataConfig;
import dev.strata.engine.MigrationListener;
import dev.strata.inspect.DriftReport;
import dev.strata.schema.Schema;
import dev.strata.schema.SchemaDiff;
import dev.strata.shadow.ShadowDatabase;
import dev.strata.shadow.ShadowException;
import dev.strata.source.Checksums;
import dev.strata.source.DbmateSections;
import dev.strata.source.Layout;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import dev.strata.source.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code strata squash --to V}: replaces the migration files up to V with one baseline that keeps
 * version V (and V's file name), holding the schema and rows the shadow database has after them.
 *
 * <p>Before it writes anything, it proves the new folder builds what the old one built: the old
 * files and the new folder each run on a shadow database of their own, and the schema
 * ({@link SchemaDiff}), the rows of every table and the counters must be equal, both at V and after
 * every later migration. Any difference refuses, naming it, with the files untouched. The old files
 * are removed, not moved: version control keeps them, and a copy left in the folder would be read
 * as migrations. The baseline has no down script (reverting below V would need the old files); in
 * dbmate's one-file layout it is written with an empty {@code -- migrate:down} section.
 *
 * <p>Databases that applied the old files are recognised by the engine through the baseline's
 * {@code -- strata:squashes} header ({@link dev.strata.engine.SquashedHistory}).
 */
public final class Squasher {

    private final StrataConfig config;
    private final MigrationListener listener;

    public Squasher(StrataConfig config, MigrationListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /**
     * @throws ConfigurationException  when no file has version {@code to}
     * @throws SquashRefusedException  when the folder can't be squashed there, or the squashed folder
     *                                 would build something else
     */
    public SquashResult squash(Version to, boolean dryRun) {
        List<Migration> files = MigrationDirectory.scan(config.projectDir(), config.migrationsDir());
        Migration last = files.stream()
                .filter(m -> !m.version().repeatable() && m.version().sameAs(to))
                .findFirst()
                .orElseThrow(() -> new ConfigurationException("--to " + to + ": no migration file has version " + to
                        + "; 'strata status' lists the versions."));
        List<Migration> replaced = files.stream()
                .filter(m -> !m.version().repeatable() && m.version().compareTo(last.version()) <= 0)
                .toList();
        List<Migration> rest = files.stream().filter(m -> !replaced.contains(m)).toList();
        refuseUnsquashable(replaced);

        listener.note("running the " + replaced.size() + " migrations up to " + last.label() + " on a shadow database");
        String text;
        Snapshot before;
        Snapshot after;
        int tablesWithRows;
        long rows;
        Migration baseline;
        try (ShadowDatabase old = ShadowDatabase.create(config, listener)) {
            Schema atV = old.applyAllThenRead(replaced);
            ShadowData dataAtV = ShadowData.read(old, atV);
            refuseLostRows(old, atV);
            String script = BaselineScript.write(replaced, to.text(), atV, dataAtV, old.schemaWriter());
            tablesWithRows = dataAtV.nonEmpty().size();
            rows = dataAtV.rowCount();
            // In the folder's own format: a dbmate baseline is an up section and an empty down section
            // (irreversible), and its up section is what runs and what its checksum covers, as for any dbmate file.
            text = last.layout() == Layout.DBMATE ? DbmateSections.file(script, "") : script;
            String up = last.layout() == Layout.DBMATE
                    ? DbmateSections.split(text, last.upSource()).up()
                    : text;
            baseline = new Migration(
                    last.version(),
                    last.name(),
                    last.layout(),
                    last.upFile(),
                    last.upSource(),
                    up,
                    Checksums.sha256(up),
                    Optional.empty());
            Snapshot oldAtV = new Snapshot(atV, dataAtV);
            listener.note("running the " + rest.size() + " later migrations after them");
            old.applyAllThenRead(rest);
            before = oldAtV;
            after = Snapshot.of(old);
        } catch (ShadowException e) {
            throw new SquashRefusedException(
                    "nothing was squashed: the migrations don't run on a shadow database as they are:",
                    List.of(e.getMessage()));
        }
        listener.note("checking the baseline and the later migrations build the same on a second shadow database");
        List<String> differences = new ArrayList<>();
        try (ShadowDatabase squashed = ShadowDatabase.create(config, listener)) {
            squashed.apply(baseline);
            differences.addAll(before.differences(Snapshot.of(squashed), "at " + to.text()));
            squashed.applyAllThenRead(rest);
            if (differences.isEmpty()) {
                differences.addAll(after.differences(Snapshot.of(squashed), "after every migration"));
            }
        } catch (ShadowException e) {
            differences.add("the squashed folder does not run: " + e.getMessage());
        }
        if (!differences.isEmpty()) {
            throw new SquashRefusedException(
                    "nothing was squashed: the baseline would not build what the " + replaced.size()
                            + " migrations build (no file was changed):",
                    differences);
        }
        List<Path> removed = filesToRemove(replaced, last);
        if (!dryRun) {
            write(last, text, removed);
        }
        return new SquashResult(
                last.upSource(),
                replaced.stream().map(Migration::label).toList(),
                removed.stream().map(this::shown).toList(),
                tablesWithRows,
                rows,
                rest.size(),
                dryRun,
                text);
    }

    /** The schema and rows of a shadow at one point. */
    private record Snapshot(Schema schema, ShadowData data) {
        static Snapshot of(ShadowDatabase shadow) {
            return new Snapshot(shadow.schema(), ShadowData.read(shadow, shadow.schema()));
        }

        List<String> differences(Snapshot squashed, String when) {
            List<String> differences = new ArrayList<>();
            SchemaDiff.between(schema, squashed.schema)
                    .forEach(change -> differences.add("schema " + when + " (old migrations -> squashed folder): "
                            + DriftReport.describe(change)));
            data.differences(squashed.data, "the old migrations", "the squashed folder").stream()
                    .map(difference -> difference + " (" + when + ")")
                    .forEach(differences::add);
            return differences;
        }
    }

    /** A virtual table's rows live in tables the schema does not list (FTS5's shadow tables): not carried yet. */
    private static void refuseLostRows(ShadowDatabase shadow, Schema schema) {
        List<String> reasons = schema.virtualTables().stream()
                .filter(table -> shadow.countRows(table.name(), 0) > 0)
                .map(table -> "virtual table " + table.name().name() + " holds rows, which a baseline does not"
                        + " carry yet; squash up to a version before they were inserted, or move the INSERTs"
                        + " into a later migration.")
                .toList();
        if (!reasons.isEmpty()) {
            throw new SquashRefusedException("nothing was squashed:", reasons);
        }
    }

    private static void refuseUnsquashable(List<Migration> replaced) {
        List<String> reasons = new ArrayList<>();
        if (replaced.size() < 2) {
            reasons.add("only " + replaced.size() + " migration is at or below that version; squash joins several."
                    + " Give a later version.");
        }
        if (!reasons.isEmpty()) {
            throw new SquashRefusedException("nothing was squashed:", reasons);
        }
    }

    /** Every up and down file of the replaced migrations, except the up file the baseline is written to. */
    private static List<Path> filesToRemove(List<Migration> replaced, Migration last) {
        List<Path> removed = new ArrayList<>();
        for (Migration file : replaced) {
            if (!file.equals(last)) {
                removed.add(file.upFile());
            }
            // A dbmate file holds its own down section: it goes (or stays, as the baseline) with its up file.
            file.downFile()
                    .filter(down -> !down.equals(file.upFile()) && !keptAsIrreversible(last, down))
                    .ifPresent(removed::add);
        }
        return removed;
    }

    /** diesel's folders want a down.sql: the baseline's is emptied instead, diesel's mark of irreversible. */
    private static boolean keptAsIrreversible(Migration last, Path down) {
        return last.layout() == Layout.DIESEL
                && last.downFile().map(down::equals).orElse(false);
    }

    private void write(Migration last, String text, List<Path> removed) {
        try {
            // Written beside first and moved into place, so a failure leaves the old file as it was.
            Path temporary = Files.createTempFile(last.upFile().getParent(), ".squash", ".sql");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, last.upFile(), StandardCopyOption.REPLACE_EXISTING);
            if (last.layout() == Layout.DIESEL && last.downFile().isPresent()) {
                Files.writeString(last.downFile().get(), "-- irreversible: squash baseline\n", StandardCharsets.UTF_8);
            }
            for (Path file : removed) {
                Files.deleteIfExists(file);
                Path folder = file.getParent();
                if (folder != null
                        && !folder.toAbsolutePath().normalize().equals(migrationsDir())
                        && (last.layout() == Layout.FOLDER || last.layout() == Layout.DIESEL)
                        && isEmpty(folder)) {
                    Files.delete(folder);
                }
            }
        } catch (IOException e) {
            throw new SquashRefusedException(
                    "the squash baseline could not be written in full:",
                    List.of(last.upSource() + ": " + e.getMessage() + "; restore the folder from version control"
                            + " and run 'strata squash' again."));
        }
    }

    private Path migrationsDir() {
        return config.projectDir()
                .resolve(config.migrationsDir())
                .toAbsolutePath()
                .normalize();
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private String shown(Path file) {
        Path project = config.projectDir().toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(project) ? project.relativize(absolute).toString() : file.toString();
    }
}
