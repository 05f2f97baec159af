package dev.strata.bench;

import dev.strata.Strata;
import dev.strata.inspect.SchemaDump;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code strata dump --from-migrations} of a real project's PostgreSQL migrations (crates.io's,
 * from the test corpus), against applying the same files with {@code psql}. The dump applies every
 * file to a shadow database and reads its schema once, after the last; psql only applies them,
 * in one session, each file in its own transaction (diesel's {@code run_in_transaction = false}
 * files and those with {@code CONCURRENTLY} outside one). So the ratio is what the shadow costs
 * beyond running the files, on a real history. Each run starts from a fresh database.
 */
final class ShadowDumpWorkload implements Workload {

    static final String NAME = "shadow-dump";
    static final String PSQL = "psql";

    /** The project, relative to the repository. */
    static final String PROJECT = "strata-cli/src/test/resources/corpus/crates-io";

    private static final Pattern NO_TRANSACTION = Pattern.compile("run_in_transaction\\s*=\\s*false");

    @Override
    public String id() {
        return NAME;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        if (!context.options().engines().contains("postgres")) {
            return;
        }
        Path project = context.options().root().resolve(PROJECT);
        Path migrations = project.resolve("migrations");
        List<Migration> files = MigrationDirectory.scan(project, migrations);
        Path script = writeScript(context.work().resolve("shadow-dump.psql"), files);
        Engine engine = context.engine("postgres");
        int rounds = context.options().roundsFor(files.size());
        for (int round = 0; round <= rounds; round++) { // round 0 is the untimed warm-up
            boolean strataFirst = round % 2 == 1;
            for (boolean strataTurn : strataFirst ? List.of(true, false) : List.of(false, true)) {
                double seconds = strataTurn
                        ? dumpSeconds(engine, project, migrations, files.size())
                        : floorSeconds(engine, script, files.size());
                if (round > 0) {
                    context.results()
                            .add(new Sample(
                                    NAME,
                                    "postgres",
                                    files.size(),
                                    strataTurn ? "strata" : PSQL,
                                    round,
                                    seconds,
                                    Double.NaN));
                }
            }
        }
        context.note(String.format(
                Locale.ROOT,
                "`shadow-dump` is `strata dump --from-migrations` (in process, after a warm-up) of the %d"
                        + " migrations in %s, against one psql session applying the same files, each in"
                        + " its own transaction.",
                files.size(),
                PROJECT));
    }

    /** strata's dump of the history on a fresh database, which must leave dozens of tables. */
    private static double dumpSeconds(Engine engine, Path project, Path migrations, int count) throws Exception {
        Target target = engine.fresh();
        try {
            Strata strata = StrataContender.strata(target, project, migrations);
            SchemaDump[] dump = new SchemaDump[1];
            double seconds = Timer.time(() -> dump[0] = strata.dump(true)).seconds();
            check(dump[0].schema().tables().size(), "strata's dump", count);
            return seconds;
        } finally {
            engine.drop(target);
        }
    }

    /**
     * psql applying the script to a fresh database, which must leave dozens of tables: the floor of
     * anything that replays the history.
     */
    static double floorSeconds(Engine engine, Path script, int count) throws Exception {
        Target target = engine.fresh();
        try {
            double seconds = psql(target, script);
            check(tables(target), "psql", count);
            return seconds;
        } finally {
            engine.drop(target);
        }
    }

    /** Writes the files as one psql script to {@code script}, creating its folder, and returns it. */
    static Path writeScript(Path script, List<Migration> files) throws IOException {
        Files.createDirectories(script.getParent());
        Files.writeString(script, psqlScript(files), StandardCharsets.UTF_8);
        return script;
    }

    /** The files as one psql script: each in its own transaction unless it can't run in one. */
    private static String psqlScript(List<Migration> files) throws IOException {
        StringBuilder script = new StringBuilder("\\set ON_ERROR_STOP 1\nSET client_min_messages = warning;\n");
        for (Migration migration : files) {
            Path metadata = migration.upFile().resolveSibling("metadata.toml");
            boolean outside = migration.upSql().toUpperCase(Locale.ROOT).contains("CONCURRENTLY")
                    || (Files.exists(metadata)
                            && NO_TRANSACTION
                                    .matcher(Files.readString(metadata))
                                    .find());
            String include =
                    "\\i '" + migration.upFile().toAbsolutePath().toString().replace("'", "''") + "'\n";
            script.append(outside ? include : "BEGIN;\n" + include + "COMMIT;\n");
        }
        return script.toString();
    }

    private static double psql(Target target, Path script) throws IOException, InterruptedException {
        URI uri = URI.create(target.jdbcUrl().substring("jdbc:".length()));
        ProcessBuilder builder = new ProcessBuilder(
                        PSQL,
                        "-X",
                        "-q",
                        "-h",
                        uri.getHost(),
                        "-p",
                        String.valueOf(uri.getPort()),
                        "-U",
                        target.user(),
                        "-d",
                        uri.getPath().substring(1),
                        "-f",
                        script.toString())
                .redirectErrorStream(true);
        long started = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("psql failed (exit " + exit + "): " + output);
        }
        return seconds;
    }

    private static int tables(Target target) throws SQLException {
        try (Connection connection = target.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                        + " AND tablename <> '__diesel_schema_migrations'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** A run that made next to no tables did not apply the history. */
    private static void check(int tables, String who, int migrations) {
        if (tables < 10) {
            throw new IllegalStateException(
                    who + " left " + tables + " tables after " + migrations + " migrations; expected dozens");
        }
    }
}
