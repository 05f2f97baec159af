package dev.strata.dialect.d1;

import dev.strata.backup.BackupException;
import dev.strata.backup.BackupTool;
import dev.strata.config.DatabaseUrl;
import java.nio.file.Path;
import java.util.Map;

/**
 * Backups of remote D1 are D1's own (Time Travel, export), which strata does not drive yet: every
 * operation says so and what to use instead, rather than copying something else.
 */
final class D1BackupTool implements BackupTool {

    @Override
    public String extension() {
        return "sql";
    }

    @Override
    public String databaseName(DatabaseUrl url) {
        return url.d1().map(d1 -> d1.databaseId()).orElse("d1");
    }

    @Override
    public boolean exists(DatabaseUrl url) {
        return true;
    }

    @Override
    public void backup(DatabaseUrl url, Path target, Map<String, String> environment) {
        throw notYet(url);
    }

    @Override
    public void verify(Path file, Map<String, String> environment) {
        throw new BackupException("strata does not read D1 exports yet; load " + file + " into a SQLite database"
                + " with sqlite3 to check it");
    }

    @Override
    public boolean isEmpty(DatabaseUrl url) {
        return false;
    }

    @Override
    public void restore(DatabaseUrl url, Path file, Map<String, String> environment) {
        throw notYet(url);
    }

    private static BackupException notYet(DatabaseUrl url) {
        return new BackupException("strata does not back up or restore remote D1 (" + url.display() + ") yet;"
                + " D1 keeps 30 days of Time Travel: 'wrangler d1 time-travel info' gives the bookmark before a"
                + " change, 'wrangler d1 time-travel restore' goes back to it, and 'wrangler d1 export --remote'"
                + " writes a .sql copy");
    }
}
