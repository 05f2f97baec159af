package dev.strata.engine;

import dev.strata.config.ConfigurationException;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.ExecutableScript;
import dev.strata.dialect.HistorySettings;
import dev.strata.source.MigrationSourceException;
import dev.strata.source.SourceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the seed data files an environment lists ({@code seeds = ["dev-users.sql"]}), from the
 * project's {@code seeds} folder, all in one transaction: either every file is loaded or none.
 *
 * <p>Seeds run again on every {@code strata seed}, so each file must be idempotent: strata records
 * nothing about them, and a file written with {@code INSERT ... ON CONFLICT DO NOTHING} (both engines)
 * leaves the same rows however often it runs. An environment that lists no seeds is never seeded,
 * which keeps test data out of production.
 */
public final class Seeder {

    private final StrataConfig config;
    private final Dialect dialect;
    private final MigrationListener listener;

    public Seeder(StrataConfig config, MigrationListener listener) {
        this.config = config;
        this.dialect = Dialects.forUrl(config.url());
        this.listener = listener;
    }

    /**
     * @throws ConfigurationException when the database is not an environment that lists seeds
     * @throws MigrationRefusedException when a seed file is missing or can't be run (nothing loaded)
     */
    public SeedResult seed() {
        String environment = config.environment()
                .orElseThrow(() -> new ConfigurationException("strata seed loads"
                        + " the seeds an environment of " + StrataConfig.CONFIG_FILE
                        + " lists, and this database was not"
                        + " chosen through one (it came from " + config.urlOrigin() + "); use --env NAME, where"
                        + " [environments.NAME] has seeds = [\"...\"]"));
        List<String> seeds = config.settings().seeds();
        if (seeds.isEmpty()) {
            throw new ConfigurationException("environment '" + environment + "' lists no seeds, so strata seed"
                    + " refuses to load any into it; nothing was changed. To seed it, add seeds = [\"FILE.sql\"] to"
                    + " [environments." + environment + "] in " + StrataConfig.CONFIG_FILE + ".");
        }
        Path folder = config.projectDir().resolve(StrataConfig.SEEDS_DIR);
        List<ExecutableScript> scripts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (String seed : seeds) {
            Path file = folder.resolve(seed).normalize();
            String source = StrataConfig.SEEDS_DIR + "/" + seed;
            sources.add(source);
            if (!Files.isRegularFile(file)) {
                problems.add(source + ": no such file (listed in [environments." + environment + "] seeds)");
                continue;
            }
            String text;
            try {
                text = SourceFiles.read(file, source);
            } catch (MigrationSourceException e) {
                problems.addAll(e.problems());
                continue;
            }
            ScriptPreparer.Prepared prepared = ScriptPreparer.prepareToRun(source, text, dialect.splitter());
            problems.addAll(prepared.problems());
            if (prepared.ok()) {
                if (!prepared.script().transactional()) {
                    problems.add(source + ": seeds all load in one transaction, so a seed can't run outside one"
                            + " (it is marked no-transaction, opens transactions of its own, or holds only statements"
                            + " that can't run in a transaction); remove that from the seed");
                } else {
                    scripts.add(prepared.script());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new MigrationRefusedException("no seed was loaded:", problems);
        }
        try (Database db = dialect.open(
                config.url(),
                new HistorySettings(config.historyTable(), config.schema()),
                Dialect.Access.WRITE,
                listener)) {
            db.runInOneTransaction(scripts);
            return new SeedResult(
                    db.description(),
                    environment,
                    sources,
                    scripts.stream()
                            .mapToInt(script -> script.statements().size())
                            .sum());
        }
    }
}
