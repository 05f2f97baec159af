package dev.strata.spring;

import dev.strata.engine.MigrationListener;
import dev.strata.history.AppliedMigration;
import dev.strata.lint.Finding;
import dev.strata.source.Migration;
import java.nio.file.Path;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What the command line prints while it migrates, written to the application's log instead: each
 * migration applied, lint warnings, and the remarks a user must not miss at start-up (the lint gate
 * is off, a contract half is held back, a backup was taken). Commons Logging is what Spring itself
 * logs through, so the lines go wherever the application's other logs go.
 */
final class StrataLogListener implements MigrationListener {

    private static final Log LOG = LogFactory.getLog("dev.strata");

    @Override
    public void waiting(String what) {
        LOG.info("waiting: " + what);
    }

    @Override
    public void linted(Finding warning) {
        LOG.warn(warning.location() + ": " + warning.rule() + ": " + warning.message());
    }

    @Override
    public void note(String remark) {
        LOG.warn(remark);
    }

    @Override
    public void notice(String message) {
        LOG.info(message);
    }

    @Override
    public void applying(Migration migration) {
        LOG.info("applying " + migration.label());
    }

    @Override
    public void applied(AppliedMigration row) {
        LOG.info("applied " + row.version().text() + " " + row.name() + " in " + row.executionMs() + " ms");
    }

    @Override
    public void skipped(Migration migration) {
        LOG.info(migration.label() + " was applied by another process meanwhile");
    }

    @Override
    public void backedUp(Path file) {
        LOG.info("backed up the database to " + file + " before the first change");
    }

    @Override
    public void bookmarked(String database, String bookmark) {
        LOG.info("bookmark of " + database + " before the first change: " + bookmark);
    }
}
