package dev.strata.backup;

import dev.strata.engine.MigrationGate;
import dev.strata.engine.MigrationListener;
import dev.strata.engine.PlannedMigration;
import java.util.List;
import java.util.Optional;

/**
 * {@code backup = "before-migrate"}: a verified backup is taken after every other check has passed
 * and before the first migration runs; if it can't be taken, nothing runs. On an engine that keeps
 * its own history (D1's Time Travel) its bookmark is taken and reported instead of a file. A SQLite file that does
 * not exist yet has nothing to lose, so none is taken for it.
 */
public final class BackupGate implements MigrationGate {

    private final Backups backups;
    private final BackupTool tool;
    private final dev.strata.config.DatabaseUrl url;
    private final MigrationListener listener;

    public BackupGate(Backups backups, BackupTool tool, dev.strata.config.DatabaseUrl url, MigrationListener listener) {
        this.backups = backups;
        this.tool = tool;
        this.url = url;
        this.listener = listener;
    }

    @Override
    public void beforeChanges(String database, List<PlannedMigration> steps) {
        if (!tool.exists(url)) {
            return;
        }
        java.util.Optional<String> bookmark;
        try {
            bookmark = tool.bookmark(
                    url,
                    "before migrating to "
                            + steps.get(steps.size() - 1).migration().label());
        } catch (BackupException e) {
            throw new BackupException(
                    "nothing was applied: backup = \"before-migrate\", and the bookmark could not be" + " taken: "
                            + e.getMessage(),
                    e);
        }
        if (bookmark.isPresent()) {
            listener.bookmarked(url.display(), bookmark.get());
            return;
        }
        BackupResult result;
        try {
            result = backups.backup(Optional.empty());
        } catch (BackupException e) {
            throw new BackupException(
                    "nothing was applied: backup = \"before-migrate\", and the backup failed: " + e.getMessage(), e);
        }
        listener.backedUp(result.file());
    }
}
