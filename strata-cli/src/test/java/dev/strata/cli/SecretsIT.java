package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A database password, given in a URL, in strata.toml or through an environment variable, never
 * appears in anything strata writes: stdout, stderr, JSON, or the names and contents of files it
 * creates or changes. Every command is covered because the list comes from picocli's own model of
 * {@code strata}, the same one {@code strata --help} prints: a command added later is tested
 * without anyone editing this class. Runs the packaged jar against a PostgreSQL role that really
 * has to give its password.
 */
class SecretsIT {

    private static final String ROLE = "strata_secret";
    /** Characters that must be percent-encoded in a URL, so both spellings are searched for. */
    private static final String PASSWORD = "Se/cr@t-Pw#42";

    private static final String ENCODED = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    private static final List<String> FORMS = List.of(PASSWORD, ENCODED, "cr@t-Pw", "cr%40t-Pw", "Pw#42", "Pw%2342");

    @TempDir
    Path root;

    /** Where the password comes from: arguments before the command, files, environment. */
    private record Source(String name, List<String> args, Map<String, String> files, Map<String, String> env) {}

    /** One command line derived from a picocli subcommand. */
    private record Invocation(String label, List<String> args) {}

    @Test
    void noCommandEverShowsThePasswordWhereverItCameFrom() throws Exception {
        HostileFixtures.passwordRole(ROLE, PASSWORD);
        List<Invocation> invocations = everyCommand();
        assertThat(invocations)
                .extracting(invocation -> invocation.args().get(0))
                .contains("migrate", "down", "status", "validate", "new", "repair");

        String host = "localhost:" + PostgresServer.port();
        List<Source> sources = new ArrayList<>();
        String good = ownDatabase();
        sources.add(new Source("--url", List.of("--url", url(ROLE + ":" + ENCODED, host, good)), Map.of(), Map.of()));
        sources.add(new Source(
                "strata.toml environment",
                List.of("--env", "prod"),
                Map.of(
                        "strata.toml",
                        "[environments.prod]\nurl = \"" + url(ROLE + ":" + ENCODED, host, ownDatabase()) + "\"\n"),
                Map.of()));
        sources.add(new Source(
                "DATABASE_URL with ?password=",
                List.of(),
                Map.of(),
                Map.of(
                        "DATABASE_URL",
                        "postgres://" + ROLE + "@" + host + "/" + ownDatabase() + "?password=" + ENCODED)));
        sources.add(new Source(
                "strata.toml ${env.VAR}",
                List.of(),
                Map.of("strata.toml", "environment = \"prod\"\n[environments.prod]\nurl = \"${env.PROD_URL}\"\n"),
                Map.of("PROD_URL", url(ROLE + ":" + ENCODED, host, ownDatabase()))));
        int working = sources.size();
        // Failures print URLs and driver messages: the riskiest paths.
        String wrong = URLEncoder.encode(PASSWORD + "x", StandardCharsets.UTF_8);
        sources.add(new Source(
                "wrong password", List.of("--url", url(ROLE + ":" + wrong, host, good)), Map.of(), Map.of()));
        sources.add(new Source(
                "unreachable server",
                List.of("--url", url(ROLE + ":" + ENCODED, "127.0.0.1:1", good)),
                Map.of(),
                Map.of()));
        sources.add(new Source(
                "unencoded password breaking the URL",
                List.of("--url", "postgres://" + ROLE + ":" + PASSWORD + "@" + host + "/db"),
                Map.of(),
                Map.of()));

        List<Path> projects = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            projects.add(Files.createDirectories(root.resolve("project-" + i)));
        }
        // One process per command tries every source in turn; two such chains (odd and even sources) share
        // the two cores.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Boolean>>> halves = new ArrayList<>();
            for (int half = 0; half < 2; half++) {
                List<Source> some = new ArrayList<>();
                List<Path> theirProjects = new ArrayList<>();
                for (int i = half; i < sources.size(); i += 2) {
                    some.add(sources.get(i));
                    theirProjects.add(projects.get(i));
                }
                halves.add(pool.submit(() -> runEverything(some, theirProjects, invocations, FORMS, null)));
            }
            for (int i = 0; i < sources.size(); i++) {
                // The working sources really connected: the checks looked at real work, not only at refusals.
                assertThat(halves.get(i % 2).get().get(i / 2))
                        .as(sources.get(i).name() + " migrated")
                        .isEqualTo(i < working);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * URLs strata can't parse the usual way (the '//' missing or misplaced), and parameters that hold
     * a password under another name or with an unencoded '&amp;' in it: from each of the four places a
     * URL comes from, nothing of the password may show.
     */
    @Test
    void malformedUrlsAndPasswordLikeParametersNeverShowThePassword() throws Exception {
        String host = "localhost:" + PostgresServer.port();
        String tail = "Tail-77Secret";
        List<String> urls = List.of(
                "postgres:" + ROLE + ":" + PASSWORD + "@" + host + "/db",
                "postgres:" + ROLE + ":" + ENCODED + "@" + host + "/db",
                "postgresql//" + ROLE + ":" + ENCODED + "@" + host + "/db",
                "jdbc:postgresql:" + ROLE + ":" + ENCODED + "@" + host + "/db?sslmode=disable",
                "sqlite:app.db?password=" + ENCODED,
                "postgres://" + ROLE + "@" + host + "/db?sslpassword=" + ENCODED + "&sslmode=disable",
                "postgres://" + ROLE + "@" + host + "/db?password=Pw&" + tail + "&sslmode=disable");
        List<String> forms = new ArrayList<>(FORMS);
        forms.add(tail);
        List<Source> sources = new ArrayList<>();
        for (String url : urls) {
            sources.add(new Source("--url " + urls.indexOf(url), List.of("--url", url), Map.of(), Map.of()));
            sources.add(
                    new Source("DATABASE_URL " + urls.indexOf(url), List.of(), Map.of(), Map.of("DATABASE_URL", url)));
            sources.add(new Source(
                    "strata.toml " + urls.indexOf(url),
                    List.of("--env", "prod"),
                    Map.of("strata.toml", "[environments.prod]\nurl = \"" + url + "\"\n"),
                    Map.of()));
            sources.add(new Source(
                    "${env.VAR} " + urls.indexOf(url),
                    List.of(),
                    Map.of("strata.toml", "environment = \"prod\"\n[environments.prod]\nurl = \"${env.PROD_URL}\"\n"),
                    Map.of("PROD_URL", url)));
        }
        List<Path> projects = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Path project = Files.createDirectories(root.resolve("malformed-" + i));
            writeMigrations(project);
            for (Map.Entry<String, String> file : sources.get(i).files().entrySet()) {
                Files.writeString(project.resolve(file.getKey()), file.getValue());
            }
            projects.add(project);
        }
        // One process per command, trying every source in turn.
        for (String command : List.of("status", "migrate")) {
            List<SecretsBatch.Run> runs = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                List<String> args = new ArrayList<>(sources.get(i).args());
                args.add(command);
                runs.add(new SecretsBatch.Run(projects.get(i), sources.get(i).env(), args));
            }
            SecretsBatch.Result batch = SecretsBatch.run(root.resolve("batches"), runs);
            for (String form : forms) {
                assertThat(batch.process().output())
                        .as("strata " + command + ", outside any run")
                        .doesNotContain(form);
            }
            for (int i = 0; i < sources.size(); i++) {
                StrataProcess.Finished run = batch.runs().get(i);
                String context = sources.get(i).name() + ": strata " + command + " (exit " + run.exitCode() + ")\n"
                        + run.output();
                for (String form : forms) {
                    assertThat(run.output()).as(context).doesNotContain(form);
                }
                assertThat(run.stderr()).as(context).doesNotContain("\tat ");
            }
        }
    }

    /**
     * The Cloudflare API token of a remote D1 database ({@code d1:DB} of a wrangler config, served by
     * the D1 test endpoint) is a secret like a password: every command is run with it, and with a
     * wrong token, whose refusal is the riskiest path.
     */
    @Test
    void noCommandEverShowsTheD1ApiToken() throws Exception {
        try (dev.strata.dialect.d1.D1TestEndpoint d1 =
                dev.strata.dialect.d1.D1TestEndpoint.withDatabases("app-db").start()) {
            List<Invocation> invocations = everyCommand();
            String wrangler = "name = \"app\"\n[[d1_databases]]\nbinding = \"DB\"\ndatabase_name = \"app-db\"\n"
                    + "database_id = \"" + d1.database("app-db").id() + "\"\n";
            Map<String, String> wrongEnv = new java.util.HashMap<>(d1.environment());
            String wrongToken = "Tok-" + d1.apiToken().substring(0, 6) + "-wrong";
            wrongEnv.put("CLOUDFLARE_API_TOKEN", wrongToken);
            List<Source> sources = List.of(
                    new Source(
                            "d1:DB with CLOUDFLARE_API_TOKEN",
                            List.of("--url", "d1:DB"),
                            Map.of("wrangler.toml", wrangler),
                            d1.environment()),
                    new Source(
                            "d1:DB with a wrong token",
                            List.of("--url", "d1:DB"),
                            Map.of("wrangler.toml", wrangler),
                            wrongEnv));
            List<String> forms = new ArrayList<>();
            List<Path> projects = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                String token = sources.get(i).env().get("CLOUDFLARE_API_TOKEN");
                forms.addAll(
                        List.of(token, token.substring(0, token.length() / 2), token.substring(token.length() / 2)));
                projects.add(Files.createDirectories(root.resolve("d1-project-" + i)));
            }
            List<Boolean> migrated = runEverything(sources, projects, invocations, forms, "d1:DB");
            for (int i = 0; i < sources.size(); i++) {
                assertThat(migrated.get(i))
                        .as(sources.get(i).name() + " migrated")
                        .isEqualTo(i == 0);
            }
        }
    }

    /**
     * Runs every invocation with the secret from each source, in that source's own project: one process
     * per invocation, which runs it for every source in turn. True for each source whose migrate succeeded.
     *
     * @param forms       every spelling of the secret that must not appear
     * @param shownAsIs   what migrate's output shows of the database when it carries no password in its
     *                    URL; null when the URL shows its password masked
     */
    private static List<Boolean> runEverything(
            List<Source> sources,
            List<Path> projects,
            List<Invocation> invocations,
            List<String> forms,
            String shownAsIs)
            throws Exception {
        List<Boolean> migrated = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            writeMigrations(projects.get(i));
            for (Map.Entry<String, String> file : sources.get(i).files().entrySet()) {
                Files.writeString(projects.get(i).resolve(file.getKey()), file.getValue());
            }
            migrated.add(false);
        }
        Path batches = projects.get(0).resolveSibling("batches");
        for (Invocation invocation : invocations) {
            List<SecretsBatch.Run> runs = new ArrayList<>();
            List<Map<String, String>> before = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                List<String> args = new ArrayList<>(sources.get(i).args());
                args.addAll(invocation.args());
                runs.add(new SecretsBatch.Run(projects.get(i), sources.get(i).env(), args));
                before.add(files(projects.get(i)));
            }
            SecretsBatch.Result batch = SecretsBatch.run(batches, runs);
            for (String form : forms) {
                assertThat(batch.process().output())
                        .as("strata " + invocation.label() + ", outside any run")
                        .doesNotContain(form);
            }
            for (int i = 0; i < sources.size(); i++) {
                StrataProcess.Finished run = batch.runs().get(i);
                String context = sources.get(i).name() + ": strata " + invocation.label() + " (exit " + run.exitCode()
                        + ")\n" + run.output();
                for (String form : forms) {
                    assertThat(run.stdout()).as(context).doesNotContain(form);
                    assertThat(run.stderr()).as(context).doesNotContain(form);
                }
                assertThat(run.exitCode()).as(context).isIn(0, 1, 2);
                assertThat(run.stderr()).as(context).doesNotContain("\tat ");
                if (invocation.label().equals("migrate") && run.exitCode() == 0) {
                    if (shownAsIs == null) {
                        assertThat(run.stdout()).as(context).containsAnyOf(ROLE + ":***@", "password=***");
                    } else {
                        assertThat(run.stdout()).as(context).contains(shownAsIs);
                    }
                    migrated.set(i, true);
                }
                Map<String, String> earlier = before.get(i);
                files(projects.get(i)).forEach((name, content) -> {
                    if (!content.equals(earlier.get(name))) {
                        for (String form : forms) {
                            assertThat(name).as(context + "\nfile name written").doesNotContain(form);
                            assertThat(content)
                                    .as(context + "\nfile written: " + name)
                                    .doesNotContain(form);
                        }
                    }
                });
            }
        }
        return migrated;
    }

    /**
     * Every subcommand of {@code strata}, as picocli knows it: with a probe value for each required
     * parameter, and once more with {@code --json} where the command has it.
     */
    private static List<Invocation> everyCommand() {
        CommandLine strata = new StrataCli(
                        new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                        Map.of(),
                        Path.of(""))
                .commandLine(StrataCommand.COMMANDS);
        StringWriter help = new StringWriter();
        strata.usage(new PrintWriter(help));
        List<Invocation> invocations = new ArrayList<>();
        for (Map.Entry<String, CommandLine> entry : strata.getSubcommands().entrySet()) {
            CommandSpec spec = entry.getValue().getCommandSpec();
            assertThat(help.toString())
                    .as("strata --help lists " + entry.getKey())
                    .contains(entry.getKey());
            List<String> args = new ArrayList<>(List.of(entry.getKey()));
            spec.positionalParameters().stream().filter(p -> p.required()).forEach(p -> args.add("secret_probe"));
            invocations.add(new Invocation(String.join(" ", args), args));
            if (spec.findOption("--json") != null) {
                List<String> json = new ArrayList<>(args);
                json.add("--json");
                invocations.add(new Invocation(String.join(" ", json), json));
            }
        }
        return invocations;
    }

    private static String url(String userInfo, String host, String database) {
        return "postgres://" + userInfo + "@" + host + "/" + database;
    }

    /** A database the password role owns, so that every command can really work in it. */
    private static String ownDatabase() {
        String name = PostgresServer.newDatabase();
        PostgresServer.execute("ALTER DATABASE " + name + " OWNER TO " + ROLE);
        return name;
    }

    private static void writeMigrations(Path project) throws IOException {
        Path dir = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(dir.resolve("0001_users.up.sql"), "CREATE TABLE users (id int PRIMARY KEY);\n");
        Files.writeString(dir.resolve("0001_users.down.sql"), "DROP TABLE users;\n");
        Files.writeString(dir.resolve("0002_orders.up.sql"), "CREATE TABLE orders (id int PRIMARY KEY);\n");
        Files.writeString(dir.resolve("0002_orders.down.sql"), "DROP TABLE orders;\n");
    }

    /** Every file under the project: path relative to it, and content. */
    private static Map<String, String> files(Path project) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(project)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(
                        project.relativize(path).toString(),
                        new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
