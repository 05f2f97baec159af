package dev.strata.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.engine.LintRequest;
import dev.strata.engine.MigrateOptions;
import dev.strata.engine.MigrateResult;
import dev.strata.engine.MigrationListener;
import dev.strata.engine.MigrationRefusedException;
import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import dev.strata.lint.Severity;
import dev.strata.source.Version;
import dev.strata.testing.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One verdict: on the same files and the same database, {@code strata lint --pending} and the gate
 * in front of {@code migrate} report the same errors and the same warnings. The corpus is the
 * project's examples and folders written to mix every kind of finding the gate judges; each is
 * compared on a fresh database and on one where part of the folder is already applied.
 */
class OneVerdictTest {

    @TempDir
    Path project;

    /** A folder of migrations, the engine it is written for and a strata.toml, if it needs one. */
    record Corpus(String name, TestEngine engine, Map<String, String> files, String toml) {
        @Override
        public String toString() {
            return name + " on " + engine;
        }
    }

    static Stream<Corpus> corpus() {
        List<Corpus> corpus = new ArrayList<>();
        corpus.add(
                new Corpus("examples/d1-app", TestEngine.SQLITE, example("d1-app"), "[migrations]\ntarget = \"d1\"\n"));
        corpus.add(new Corpus("examples/multi-env", TestEngine.SQLITE, example("multi-env"), ""));
        corpus.add(new Corpus("examples/events-pg", TestEngine.POSTGRES, example("events-pg"), ""));
        for (TestEngine engine : TestEngine.values()) {
            corpus.add(new Corpus("seeded history", engine, seededHistory(), ""));
            corpus.add(new Corpus("history of empty tables", engine, emptyTables(), ""));
            corpus.add(new Corpus("rebuilds", engine, rebuilds(), ""));
            corpus.add(new Corpus("adopted with since", engine, seededHistory(), "[lint]\nsince = \"0002\"\n"));
        }
        return corpus.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void lintPendingAndTheGateGiveTheSameVerdict(Corpus corpus) throws IOException {
        corpus.files()
                .forEach((name, sql) -> write(project.resolve("migrations").resolve(name), sql));
        if (!corpus.toml().isEmpty()) {
            Files.writeString(project.resolve("strata.toml"), corpus.toml());
        }
        String url = corpus.engine().newDatabaseUrl(project);

        Verdict fresh = compare(url);

        // Part of the folder applied: the rows are now on the live database, no longer only on the shadow.
        List<String> names = new ArrayList<>(corpus.files().keySet());
        String half = names.get(names.size() / 2 - 1);
        Version target = Version.parse(half.substring(0, half.indexOf('_')));
        try {
            strata(url, new ArrayList<>()).migrate(new MigrateOptions(Optional.of(target), false, false));
        } catch (MigrationRefusedException refused) {
            assertThat(fresh.errors()).isNotEmpty(); // the first half holds an error of its own: nothing to compare
            return;
        }
        compare(url);
    }

    /** What lint --pending and a dry run of migrate say on {@code url}; asserts that they agree. */
    private Verdict compare(String url) {
        LintReport lint = strata(url, new ArrayList<>()).lint(new LintRequest(List.of(), true, true));
        Verdict linted = new Verdict(lines(lint.findings(), Severity.ERROR), lines(lint.findings(), Severity.WARNING));

        // A dry run reports what the gate found instead of refusing; the refusal says whether it would.
        MigrateResult dryRun =
                strata(url, new ArrayList<>()).migrate(new MigrateOptions(Optional.empty(), true, false));
        Verdict gate =
                new Verdict(lines(dryRun.findings(), Severity.ERROR), lines(dryRun.findings(), Severity.WARNING));
        assertThat(dryRun.refusal().isPresent()).isEqualTo(!gate.errors().isEmpty());
        dryRun.refusal().ifPresent(reason -> assertThat(reason).contains("the linter found"));

        assertThat(gate).isEqualTo(linted);
        return linted;
    }

    record Verdict(Set<String> errors, Set<String> warnings) {}

    private static Set<String> lines(List<Finding> findings, Severity severity) {
        Set<String> lines = new TreeSet<>();
        findings.stream()
                .filter(f -> f.severity() == severity)
                .forEach(f -> lines.add(f.location() + ": " + f.rule() + ": " + f.message()));
        return lines;
    }

    private Strata strata(String url, List<Finding> warned) {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .listener(new MigrationListener() {
                    @Override
                    public void linted(Finding warning) {
                        warned.add(warning);
                    }
                })
                .load();
    }

    private static Map<String, String> example(String name) {
        Path folder = Path.of("..", "examples", name, "migrations");
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.list(folder)) {
            paths.sorted().forEach(path -> files.put(path.getFileName().toString(), read(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static Map<String, String> seededHistory() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("0001_plans.sql", """
                CREATE TABLE plans (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price DECIMAL(10,2));
                INSERT INTO plans (id, name, price) VALUES (1, 'free', 0), (2, 'pro', 9.5);
                CREATE TABLE accounts (id INTEGER PRIMARY KEY, plan_id INTEGER REFERENCES plans (id),
                    email TEXT, legacy TEXT);
                """);
        files.put("0002_cleanup.sql", """
                ALTER TABLE accounts DROP COLUMN legacy;
                DROP TABLE IF EXISTS old_sessions;
                DELETE FROM plans;
                """);
        files.put("0003_settings.sql", """
                CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
                INSERT INTO settings (key, value) VALUES ('theme', 'dark');
                ALTER TABLE accounts ADD COLUMN tier TEXT;
                UPDATE accounts SET tier = 'basic';
                """);
        files.put("0004_reset.sql", """
                DELETE FROM settings;
                DROP TABLE accounts;
                """);
        return files;
    }

    private static Map<String, String> emptyTables() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("0001_tables.sql", """
                CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT);
                CREATE TABLE people (id INTEGER PRIMARY KEY);
                CREATE TABLE members (person_id INTEGER NOT NULL REFERENCES people (id), user_id INTEGER NOT NULL,
                    PRIMARY KEY (person_id, user_id));
                CREATE TABLE scratch (id INTEGER, note TEXT);
                """);
        files.put("0002_drops.sql", """
                ALTER TABLE scratch DROP COLUMN note;
                DELETE FROM scratch;
                """);
        files.put("0003_recreate.sql", """
                DROP TABLE teams;
                CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL, slug TEXT);
                """);
        files.put("0004_gone.sql", "DROP TABLE scratch;\n");
        return files;
    }

    private static Map<String, String> rebuilds() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("0001_items.sql", """
                CREATE TABLE owners (id INTEGER PRIMARY KEY);
                CREATE TABLE tags (id INTEGER PRIMARY KEY);
                CREATE TABLE items (id INTEGER PRIMARY KEY, owner INTEGER, amount DECIMAL(12,4));
                INSERT INTO owners (id) VALUES (1);
                INSERT INTO tags (id) VALUES (1), (2);
                INSERT INTO items (id, owner, amount) VALUES (1, 1, 2.5);
                """);
        files.put("0002_rebuild.sql", """
                CREATE TABLE items_new (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES owners (id),
                    amount DECIMAL(12,4));
                INSERT INTO items_new (id, owner, amount) SELECT id, owner, amount FROM items;
                DROP TABLE items;
                ALTER TABLE items_new RENAME TO items;
                CREATE INDEX ix_items_owner ON items (owner);
                """);
        files.put("0003_keep_aside.sql", """
                CREATE TABLE keep AS SELECT * FROM tags;
                DROP TABLE tags;
                CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT);
                INSERT INTO tags (id) SELECT id FROM keep;
                DROP TABLE keep;
                """);
        files.put("0004_lost.sql", """
                DROP TABLE items;
                CREATE TABLE items (id INTEGER PRIMARY KEY, owner INTEGER, amount REAL);
                """);
        return files;
    }

    private static void write(Path path, String text) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
