package dev.strata.engine;

import dev.strata.adopt.ForeignHistory;
import java.util.List;

/**
 * The state of every migration, ordered by version.
 *
 * @param database    the database as named to people, password hidden
 * @param migrations  one row per migration file or history row
 * @param foreign     other tools' histories found on a database strata has not used yet; their
 *                    migrations show as {@link MigrationState#ADOPTABLE}
 */
public record StatusReport(String database, List<MigrationStatus> migrations, List<ForeignHistory> foreign) {

    public StatusReport {
        migrations = List.copyOf(migrations);
        foreign = List.copyOf(foreign);
    }

    public StatusReport(String database, List<MigrationStatus> migrations) {
        this(database, migrations, List.of());
    }

    public long count(MigrationState state) {
        return migrations.stream().filter(m -> m.state() == state).count();
    }
}
