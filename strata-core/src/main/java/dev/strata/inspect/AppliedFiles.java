package dev.strata.inspect;

import dev.strata.history.AppliedMigration;
import dev.strata.source.Migration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The files of the migrations a database's history records as applied, to replay them on a shadow
 * database: the schema they produce is what the database should have.
 *
 * @param files the files, in version order
 * @param notes   what makes the replay differ from what ran, for people (a file edited after it was
 *                applied, a migration that failed part-way)
 * @param missing applied migrations whose file is gone, for people: what they did can't be known
 */
record AppliedFiles(List<Migration> files, List<String> notes, List<String> missing) {

    AppliedFiles {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
        missing = List.copyOf(missing);
    }

    /**
     * @throws InspectionException when an applied migration's file is gone
     */
    AppliedFiles requireComplete() {
        if (!missing.isEmpty()) {
            throw new InspectionException("the schema the applied migrations produce can't be computed:", missing);
        }
        return this;
    }

    static AppliedFiles select(List<Migration> folder, List<AppliedMigration> history) {
        Map<String, Migration> byNumber =
                folder.stream().collect(Collectors.toMap(m -> m.version().id(), Function.identity()));
        List<Migration> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        // A database that applied the files a squash baseline replaced holds what the baseline builds.
        dev.strata.engine.SquashedHistory squashed = dev.strata.engine.SquashedHistory.of(folder, history);
        for (AppliedMigration row : history) {
            Migration file = byNumber.get(row.version().id());
            if (row.success() && squashed.equivalent().contains(row.version().id())) {
                files.add(file);
            } else if (row.success()
                    && file == null
                    && squashed.covered().contains(row.version().id())) {
                // A file the squash baseline replaced: the baseline builds it, so it is neither missing nor a note.
            } else if (!row.success()) {
                notes.add(row.label() + " failed part-way and is left out; clean up, run 'strata repair' and"
                        + " migrate again");
            } else if (file == null) {
                missing.add(row.label() + " is applied but its file is gone; restore it from version control");
            } else {
                if (!file.checksum().equals(row.checksum())) {
                    notes.add(file.upSource() + " was edited after it was applied; the expected schema uses the"
                            + " file as it is now");
                }
                files.add(file);
            }
        }
        files.sort(java.util.Comparator.comparing(Migration::version));
        return new AppliedFiles(files, notes, missing);
    }
}
