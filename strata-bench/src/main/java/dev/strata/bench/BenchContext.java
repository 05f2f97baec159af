package dev.strata.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the workloads of one run share: options, engines (started on first use), contenders,
 * generated migration sets and the results. Not thread-safe; closed once at the end.
 */
public final class BenchContext implements AutoCloseable {

    private final BenchOptions options;
    private final List<Contender> contenders;
    private final Map<String, Engine> engines = new LinkedHashMap<>();
    private final Map<Integer, MigrationSet> sets = new HashMap<>();
    private final Map<String, Target> applied = new HashMap<>();
    private final Results results = new Results();
    private final List<String> notes = new ArrayList<>();

    public BenchContext(BenchOptions options, List<Contender> contenders) {
        this.options = options;
        this.contenders = List.copyOf(contenders);
    }

    public BenchOptions options() {
        return options;
    }

    public List<Contender> contenders() {
        return contenders;
    }

    public Results results() {
        return results;
    }

    /** Adds a sentence for the results page, about something the tables can't show. */
    public void note(String sentence) {
        notes.add(sentence);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The contenders in the order of round {@code round}: rotated, so no one always goes first. */
    public List<Contender> order(int round) {
        int shift = round % contenders.size();
        return java.util.stream.Stream.concat(
                        contenders.stream().skip(shift), contenders.stream().limit(shift))
                .toList();
    }

    public Contender contender(String name) {
        return contenders.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no contender " + name));
    }

    public Engine engine(String name) {
        return engines.computeIfAbsent(name, key -> switch (key) {
            case "sqlite" -> new SqliteEngine(options.sqliteDir());
            case "postgres" -> new PostgresEngine();
            default -> throw new IllegalArgumentException("unknown engine " + key + "; known: sqlite, postgres");
        });
    }

    /** The engines started so far, for the results' header. */
    public Map<String, Engine> startedEngines() {
        return Map.copyOf(engines);
    }

    /** The generated migrations of this size, written once per run. */
    public MigrationSet migrations(int size) {
        return sets.computeIfAbsent(
                size, n -> MigrationSet.generate(options.work().resolve("migrations-" + n), n));
    }

    /** Keeps a database on which {@code contender} applied {@code size} migrations, for later reads. */
    public void keepApplied(String engine, int size, String contender, Target target) {
        Target previous = applied.put(engine + "/" + size + "/" + contender, target);
        if (previous != null) {
            engine(engine).drop(previous);
        }
    }

    /** A database on which {@code contender} applied the {@code size} migrations; made now if none was kept. */
    public Target applied(String engine, int size, Contender contender) throws Exception {
        String key = engine + "/" + size + "/" + contender.name();
        Target target = applied.get(key);
        if (target == null) {
            target = engine(engine).fresh();
            contender.migrate(target, migrations(size));
            Checks.applied(this, engine, target, size, contender);
            applied.put(key, target);
        }
        return target;
    }

    public Path work() {
        return options.work();
    }

    @Override
    public void close() {
        applied.forEach(
                (key, target) -> engine(key.substring(0, key.indexOf('/'))).drop(target));
        engines.values().forEach(Engine::close);
    }
}
