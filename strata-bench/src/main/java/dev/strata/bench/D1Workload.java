package dev.strata.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Remote D1 migrations over the D1 REST API, on the D1 test endpoint (a Worker on real local D1,
 * served by the real {@code wrangler dev}): {@code bin/strata migrate} against
 * {@code wrangler d1 migrations apply --remote}, both whole processes pointed at the endpoint by
 * CLOUDFLARE_API_BASE_URL, each on the emptied database in turn. The endpoint counts the HTTP
 * requests of each run; the results page gives them beside the times. The endpoint answers on
 * loopback, so the times hold no network latency: on Cloudflare each request costs a round trip more.
 */
final class D1Workload implements Workload {

    static final String NAME = "d1 migrate";
    static final String WRANGLER = "wrangler";
    private static final String DATABASE = "bench-db";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "d1";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int size = context.options().d1Size();
        MigrationSet set = context.migrations(size);
        int rounds = context.options().roundsFor(size);
        Optional<D1Endpoint> started =
                D1Endpoint.start(context.options().root().resolve("strata-core"), DATABASE, context);
        if (started.isEmpty()) {
            return;
        }
        try (D1Endpoint endpoint = started.get()) {
            Path project = wranglerProject(context, set, endpoint);
            Map<String, Integer> requests = new LinkedHashMap<>();
            for (int round = 0; round <= rounds; round++) { // round 0: untimed warm-up
                boolean strataFirst = round % 2 == 1;
                for (int turn = 0; turn < 2; turn++) {
                    boolean isStrata = (turn == 0) == strataFirst;
                    endpoint.reset();
                    List<String> command = isStrata
                            ? strataCommand(context, set, endpoint)
                            : List.of(endpoint.wrangler().toString(), "d1", "migrations", "apply", "DB", "--remote");
                    double seconds = run(command, isStrata ? set.root() : project, endpoint);
                    int sent = endpoint.requests();
                    check(endpoint, isStrata, size);
                    String contender = isStrata ? "strata" : WRANGLER;
                    Integer before = requests.put(contender, sent);
                    if (before != null && before != sent) {
                        throw new IllegalStateException(
                                contender + " made " + before + " requests in one run and " + sent + " in another");
                    }
                    if (round > 0) {
                        context.results().add(new Sample(NAME, "d1", size, contender, round, seconds, Double.NaN));
                    }
                }
            }
            context.note(String.format(
                    "D1 over the REST API: to apply %d migrations to an empty database, strata made"
                            + " %d HTTP requests and `wrangler d1 migrations apply --remote` (wrangler %s) %d, as counted by"
                            + " the endpoint.",
                    size, requests.get("strata"), version(endpoint), requests.get(WRANGLER)));
        }
    }

    private static String version(D1Endpoint endpoint) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(endpoint.wrangler().toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor(1, TimeUnit.MINUTES);
        return output.isEmpty()
                ? "of unknown version"
                : output.lines().reduce((first, last) -> last).orElse(output);
    }

    /** A wrangler project whose only database is the endpoint's, with the generated migrations. */
    private static Path wranglerProject(BenchContext context, MigrationSet set, D1Endpoint endpoint)
            throws IOException {
        Path project = context.work().resolve("d1-wrangler-project");
        Files.createDirectories(project);
        Files.writeString(
                project.resolve("wrangler.json"),
                JSON.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(Map.of(
                                "name", "bench",
                                "compatibility_date", "2025-01-01",
                                "d1_databases",
                                        List.of(Map.of(
                                                "binding",
                                                "DB",
                                                "database_name",
                                                DATABASE,
                                                "database_id",
                                                endpoint.databaseId(),
                                                "migrations_dir",
                                                set.dir().toAbsolutePath().toString())))));
        return project;
    }

    private static List<String> strataCommand(BenchContext context, MigrationSet set, D1Endpoint endpoint) {
        String url = "d1://" + endpoint.accountId() + "/" + endpoint.databaseId();
        return List.of(
                context.options().root().resolve("bin/strata").toString(),
                "-C",
                set.root().toString(),
                "--url",
                url,
                "migrate");
    }

    /** Runs a command to its end with the endpoint's CLOUDFLARE_* variables; its wall-clock time in seconds. */
    private static double run(List<String> command, Path directory, D1Endpoint endpoint)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("strata-bench", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().remove("DATABASE_URL");
            builder.environment().putAll(endpoint.environment());
            builder.environment().put("CI", "true");
            builder.environment().put("WRANGLER_SEND_METRICS", "false");
            builder.environment().put("NO_COLOR", "1");
            long started = System.nanoTime();
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("did not finish in 30 minutes: " + command.get(0));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit code " + process.exitValue() + " from " + command.get(0) + " "
                        + String.join(" ", command.subList(1, command.size())).replace(endpoint.token(), "***")
                        + ":\n" + Files.readString(log, StandardCharsets.UTF_8).replace(endpoint.token(), "***"));
            }
            return seconds;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Every migration is recorded in the tool's history table on the endpoint's database. */
    private static void check(D1Endpoint endpoint, boolean isStrata, int size)
            throws IOException, InterruptedException {
        String table = isStrata ? "strata_history" : "d1_migrations";
        JsonNode answer = endpoint.query("SELECT count(*) AS n FROM " + table);
        JsonNode count = answer.at("/result/0/results/0/n");
        if (count.asInt(-1) != size) {
            throw new IllegalStateException((isStrata ? "strata" : WRANGLER) + " recorded " + count + " of " + size
                    + " migrations in " + table + ": " + answer);
        }
    }
}
