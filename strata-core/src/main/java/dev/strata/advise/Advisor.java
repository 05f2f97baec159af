package dev.strata.advise;

import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.IndexDdl;
import dev.strata.dialect.IndexUsage;
import dev.strata.dialect.WaitListener;
import dev.strata.schema.Schema;
import dev.strata.shadow.ShadowDatabase;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import dev.strata.source.NewMigration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code strata advise}: reads the live database's schema (opened read-only), or the schema the
 * migration files produce on a shadow database, and its index statistics, and asks
 * {@link IndexAdvisor}; {@link #writeMigration} turns the automatic advice into a new, reversible
 * migration.
 */
public final class Advisor {

    /** The name of the migration {@link #writeMigration} creates. */
    public static final String MIGRATION_NAME = "index_advice";

    private final StrataConfig config;
    private final Dialect dialect;
    private final WaitListener waits;

    public Advisor(StrataConfig config, WaitListener waits) {
        this.config = config;
        this.dialect = Dialects.forUrl(config.url());
        this.waits = waits;
    }

    /**
     * @param fromMigrations read the schema all migration files produce on a shadow database instead
     *                       of the live one (there are no index statistics then)
     */
    public AdviceReport advise(boolean fromMigrations) {
        String description;
        Schema schema;
        Optional<IndexUsage> usage;
        if (fromMigrations) {
            List<Migration> files = MigrationDirectory.scan(config.projectDir(), config.migrationsDir());
            try (ShadowDatabase shadow = ShadowDatabase.create(config, waits)) {
                schema = shadow.applyAllThenRead(files);
                description = "the schema the migrations in " + folder() + " produce";
                usage = Optional.empty();
            }
        } else {
            try (Database database = dialect.open(
                    config.url(),
                    new HistorySettings(config.historyTable(), config.schema()),
                    Dialect.Access.READ,
                    waits)) {
                description = database.description();
                schema = database.schema();
                usage = database.indexUsage();
            }
        }
        return new AdviceReport(
                description,
                IndexAdvisor.advise(schema, dialect.indexDdl(), usage),
                usage.flatMap(IndexUsage::since).map(Object::toString).orElse(null));
    }

    /**
     * Writes the automatic advice of {@code report} as a new reversible migration in the folder's
     * style: new indexes first, then the drops; the down script undoes them in reverse.
     *
     * @return the files written, up script first; empty when there is nothing to write
     */
    public List<Path> writeMigration(AdviceReport report) {
        List<Finding> fixes = new ArrayList<>(report.automatic());
        if (fixes.isEmpty()) {
            return List.of();
        }
        fixes.sort((a, b) ->
                Boolean.compare(!a.id().equals(Finding.FK_WITHOUT_INDEX), !b.id().equals(Finding.FK_WITHOUT_INDEX)));
        IndexDdl ddl = dialect.indexDdl();
        StringBuilder up = header(ddl, "Index advice from 'strata advise' on " + report.database() + ".");
        StringBuilder down = header(ddl, "Reverts " + MIGRATION_NAME + ".");
        for (Finding fix : fixes) {
            up.append("\n-- ")
                    .append(fix.id())
                    .append(": ")
                    .append(fix.index())
                    .append(" on ")
                    .append(fix.table())
                    .append('\n')
                    .append(fix.fix())
                    .append(";\n");
        }
        for (int i = fixes.size() - 1; i >= 0; i--) {
            down.append('\n').append(fixes.get(i).undo()).append(";\n");
        }
        Path dir = config.migrationsDir();
        List<Migration> existing = Files.isDirectory(dir)
                ? MigrationDirectory.scan(config.projectDir(), config.migrationsDir())
                : List.of();
        List<Path> files = NewMigration.create(dir, existing, MIGRATION_NAME, true);
        try {
            Files.writeString(files.get(0), up.toString(), StandardCharsets.UTF_8);
            Files.writeString(files.get(1), down.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + files.get(0), e);
        }
        return files;
    }

    private String folder() {
        Path dir = config.migrationsDir();
        Path shown = dir.startsWith(config.projectDir()) ? config.projectDir().relativize(dir) : dir;
        return shown.toString().isEmpty() ? "." : shown.toString().replace('\\', '/');
    }

    private static StringBuilder header(IndexDdl ddl, String comment) {
        StringBuilder text = new StringBuilder();
        if (!ddl.transactional()) {
            // CONCURRENTLY does not block writes, and cannot run inside a transaction.
            text.append("-- strata:no-transaction\n");
        }
        return text.append("-- ").append(comment).append('\n');
    }
}
