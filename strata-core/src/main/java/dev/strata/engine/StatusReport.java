package dev.strata.engine;

import java.util.List;

/**
 * The state of every migration, ordered by version.
 *
 * @param database    the database as named to people, password hidden
 * @param migrations  one row per migration file or history row
 */
public record StatusReport(String database, List<MigrationStatus> migrations) {

    public StatusReport {
        migrations = List.copyOf(migrations);
    }

    public long count(MigrationState state) {
        return migrations.stream().filter(m -> m.state() == state).count();
    }
}
