package dev.strata.bench;

import java.io.OutputStream;
import java.sql.Connection;
import java.util.Map;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;
import liquibase.util.LiquibaseUtil;

/**
 * Liquibase through its Java API, over a changelog of one {@code sqlFile} changeset per generated
 * file: the same SQL files, split by Liquibase itself. Its console output is switched off, as the
 * other contenders print nothing either.
 */
public final class LiquibaseContender implements Contender {

    static {
        // Nothing leaves the machine, and the harness's output stays the harness's.
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
        java.util.logging.LogManager.getLogManager().reset();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
    }

    @Override
    public String name() {
        return "liquibase";
    }

    @Override
    public String version() {
        return "Liquibase " + LiquibaseUtil.getBuildVersion();
    }

    @Override
    public void migrate(Target target, MigrationSet set) throws Exception {
        try (Connection connection = target.connect()) {
            Database database = database(connection);
            inScope(
                    set,
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, MigrationSet.CHANGELOG)
                            .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                            .setOutput(OutputStream.nullOutputStream())
                            .execute());
        }
    }

    @Override
    public int status(Target target, MigrationSet set) throws Exception {
        try (Connection connection = target.connect();
                Liquibase liquibase = liquibase(connection, set)) {
            return inScope(
                    set,
                    () -> set.count()
                            - liquibase
                                    .listUnrunChangeSets(new Contexts(), new LabelExpression())
                                    .size());
        }
    }

    @Override
    public boolean validate(Target target, MigrationSet set) throws Exception {
        try (Connection connection = target.connect();
                Liquibase liquibase = liquibase(connection, set)) {
            inScope(set, () -> {
                liquibase.validate();
                return null;
            });
            return true;
        }
    }

    private static <T> T inScope(MigrationSet set, Scope.ScopedRunnerWithReturn<T> work) throws Exception {
        return Scope.child(
                Map.of(
                        Scope.Attr.ui.name(),
                        new LoggerUIService(),
                        Scope.Attr.resourceAccessor.name(),
                        new DirectoryResourceAccessor(set.root())),
                work);
    }

    private static Database database(Connection connection) throws Exception {
        return DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
    }

    @SuppressWarnings("deprecation") // Still the documented way to list unrun changesets and validate.
    private static Liquibase liquibase(Connection connection, MigrationSet set) throws Exception {
        return new Liquibase(MigrationSet.CHANGELOG, new DirectoryResourceAccessor(set.root()), database(connection));
    }
}
