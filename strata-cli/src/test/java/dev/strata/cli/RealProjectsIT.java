package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real public migration folders (src/test/resources/corpus, sources in its README), taken as they
 * are: no strata.toml, no edited file. For each project the packaged strata runs {@code migrate}
 * on a fresh database; separately the project's own tool's way of running the same files (see
 * {@link Tool}) runs them through the engine's shell. Both databases must then hold the same
 * schema, read from the engine's catalog, and the same rows; and {@code strata dump} of the result
 * must load back. {@code strata lint --pending} (what the gate judges) and the gate in front of
 * {@code migrate} must reach the same verdict with the same warnings and errors, and so must plain
 * {@code strata lint} of the whole folder given the (fresh) database.
 *
 * <p>A project that strata can't take as it is yet carries its reason in {@link CorpusProject}; its
 * test is then reported as aborted with that reason and what this run found, never silently
 * skipped. Every run writes what it saw to {@code target/corpus-report.txt} and every lint finding
 * to {@code target/corpus-lint.tsv}, for the hand review in the corpus README.
 */
class RealProjectsIT {

    private static final Path CORPUS = Path.of("src", "test", "resources", "corpus");
    private static final Path REPORT = Path.of("target", "corpus-report.txt");
    private static final Path LINT = Path.of("target", "corpus-lint.tsv");
    /** {@code migrations/x.sql:12:5: rule-id: } as the gate prints a finding. */
    private static final Pattern GATE_FINDING =
            Pattern.compile("(?:warning: |- )(.+?:\\d+:\\d+): ([a-z0-9-]+): "); // paths may hold spaces

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @TestFactory
    Stream<DynamicTest> everyProjectMigratesAsItsOwnToolDoes() throws IOException {
        Files.createDirectories(REPORT.getParent());
        Files.deleteIfExists(REPORT);
        Files.writeString(LINT, "project\trule\tseverity\tlocation\tmessage\n", StandardCharsets.UTF_8);
        List<CorpusProject> projects = CorpusProject.all();
        assertThat(projects).hasSizeGreaterThanOrEqualTo(8);
        // -Dcorpus.projects=a,b runs only those, for working on one project.
        List<String> only = List.of(System.getProperty("corpus.projects", "").split(",")).stream()
                .filter(name -> !name.isBlank())
                .toList();
        return projects.stream()
                .filter(p -> only.isEmpty() || only.contains(p.name()))
                .map(p -> DynamicTest.dynamicTest(p.toString(), () -> check(p)));
    }

    private void check(CorpusProject project) throws Exception {
        Path source = CORPUS.resolve(project.name());
        assertThat(source).as("corpus folder").isDirectory();
        Path strataDir = copy(source, root.resolve(project.name()).resolve("strata"));
        Path toolDir = copy(source, root.resolve(project.name()).resolve("tool"));
        String url = project.postgres() ? PostgresServer.newDatabaseUrl() : "sqlite:strata.db";
        String readUrl = project.postgres() ? url : "sqlite:" + strataDir.resolve("strata.db");
        List<String> problems = new ArrayList<>();

        // lint of the whole folder, for the review; lint --pending, what the gate judges, for the comparison.
        StrataProcess.Finished lintAll =
                StrataProcess.run(strataDir, Map.of(), "--url", url, "lint", "--format", "json");
        StrataProcess.Finished lint =
                StrataProcess.run(strataDir, Map.of(), "--url", url, "lint", "--pending", "--format", "json");
        StrataProcess.Finished migrate = StrataProcess.run(strataDir, Map.of(), "--url", url, "migrate");
        noCrash("lint", lintAll, problems);
        noCrash("lint --pending", lint, problems);
        noCrash("migrate", migrate, problems);
        TreeSet<String> allFindings = lintFindings(project, lintAll, problems, true);
        TreeSet<String> lintFindings = lintFindings(project, lint, new ArrayList<>(), false);
        TreeSet<String> gated = gateFindings(migrate);
        List<String> notes = new ArrayList<>();
        // The gate's verdict is known when migrate got past it, or when the linter refused; a refusal
        // before the gate (a file it can't read, a transaction rule) says "nothing was applied" first.
        boolean gateRefuses = migrate.exitCode() != 0 && migrate.stderr().contains("the linter found");
        boolean gateReached =
                migrate.exitCode() == 0 || gateRefuses || !migrate.stderr().contains("nothing was applied");
        boolean linted = !lint.stdout().isBlank() && lint.exitCode() <= 1;
        if (gateReached && linted) {
            boolean lintRefuses = lint.exitCode() == 1;
            if (lintRefuses != gateRefuses) {
                problems.add("lint and the gate disagree: lint " + (lintRefuses ? "finds errors" : "finds no error")
                        + ", the gate " + (gateRefuses ? "refuses" : "lets migrate run"));
            }
            if (!lintFindings.equals(gated)) {
                TreeSet<String> onlyLint = new TreeSet<>(lintFindings);
                onlyLint.removeAll(gated);
                TreeSet<String> onlyGate = new TreeSet<>(gated);
                onlyGate.removeAll(lintFindings);
                problems.add("lint and the gate report different findings: only lint " + first(onlyLint)
                        + "; only the gate " + first(onlyGate));
            }
            if (!allFindings.equals(gated)) {
                TreeSet<String> onlyLint = new TreeSet<>(allFindings);
                onlyLint.removeAll(gated);
                TreeSet<String> onlyGate = new TreeSet<>(gated);
                onlyGate.removeAll(allFindings);
                problems.add("plain lint of the folder given the database differs from the gate: only lint "
                        + first(onlyLint) + "; only the gate " + first(onlyGate));
            }
        } else if (linted) {
            problems.add("the gate was not reached, so lint and the gate can't be compared");
        }
        if (migrate.exitCode() != 0) {
            problems.add("strata migrate exits " + migrate.exitCode() + ": "
                    + firstLines(
                            migrate.stderr()
                                    .lines()
                                    .filter(line -> !line.startsWith("strata: warning: "))
                                    .collect(Collectors.joining("\n")),
                            6));
        }

        String pgToolDb = project.postgres() ? PostgresServer.newDatabase() : null;
        String toolUrl = null;
        try {
            toolUrl = ToolRunner.apply(project, toolDir, toolDir.resolve("tool.db"), pgToolDb);
        } catch (ToolRunner.ToolFailed e) {
            problems.add("the reference run failed: " + e.getMessage());
        }
        if (migrate.exitCode() == 0 && toolUrl != null) {
            List<String> strataState = CorpusSnapshot.of(readUrl);
            List<String> toolState = CorpusSnapshot.of(toolUrl);
            if (!strataState.equals(toolState)) {
                problems.add("the databases differ:\n  "
                        + String.join("\n  ", CorpusSnapshot.difference(strataState, toolState, 12)));
            }
            assertThat(toolState).as("the reference run left a schema").isNotEmpty();
            dumpReloads(project, strataDir, url).ifPresent(problems::add);
        }

        if (gateRefuses && toolUrl != null) {
            notes.add(pastTheGate(project, source, gated, toolUrl));
        }

        String verdict = problems.isEmpty() ? "PASSES" : project.knownGap().isPresent() ? "KNOWN GAP" : "FAILS";
        Files.writeString(
                REPORT,
                "== " + project + ": " + verdict + " (" + allFindings.size() + " lint warnings/errors)\n"
                        + project.knownGap().map(g -> "known gap: " + g + "\n").orElse("")
                        + String.join("\n", problems) + (notes.isEmpty() ? "" : "\n" + String.join("\n", notes))
                        + "\n\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (!problems.isEmpty() && project.knownGap().isPresent()) {
            Assumptions.abort("not yet: " + project.knownGap().get() + "\nthis run: " + String.join("\n", problems)
                    + (notes.isEmpty() ? "" : "\n" + String.join("\n", notes)));
        }
        assertThat(problems)
                .as(project + ", output of migrate:\n" + migrate.output())
                .isEmpty();
    }

    /**
     * What the rest of migrate does once the gate lets the files through: the workaround a user has
     * today, the gate's error rules turned into warnings in a strata.toml of a separate copy. Tells
     * a refusal by the gate apart from a difference in what the files leave.
     */
    private String pastTheGate(CorpusProject project, Path source, TreeSet<String> gated, String toolUrl)
            throws IOException, InterruptedException {
        Path dir = copy(source, root.resolve(project.name()).resolve("past-the-gate"));
        List<String> rules = gated.stream()
                .filter(f -> f.startsWith("error "))
                .map(f -> f.split(" ")[1])
                .distinct()
                .toList();
        Files.writeString(
                dir.resolve("strata.toml"),
                "[lint]\n" + rules.stream().map(r -> r + " = \"warning\"\n").collect(Collectors.joining()));
        String url = project.postgres() ? PostgresServer.newDatabaseUrl() : "sqlite:strata.db";
        StrataProcess.Finished migrate = StrataProcess.run(dir, Map.of(), "--url", url, "migrate");
        String workaround = "with " + String.join(", ", rules) + " set to \"warning\" in a strata.toml, migrate ";
        if (migrate.exitCode() != 0) {
            return workaround + "exits " + migrate.exitCode() + ": "
                    + firstLines(
                            migrate.stderr()
                                    .lines()
                                    .filter(line -> line.startsWith("strata: ") && !line.startsWith("strata: warning: ")
                                            || line.startsWith("  "))
                                    .filter(line -> !line.strip().startsWith("applied "))
                                    .collect(Collectors.joining("\n")),
                            6);
        }
        List<String> strataState = CorpusSnapshot.of(project.postgres() ? url : "sqlite:" + dir.resolve("strata.db"));
        List<String> toolState = CorpusSnapshot.of(toolUrl);
        String dumped = dumpReloads(project, dir, url)
                .map(problem -> "; but " + problem)
                .orElse("; its dump loads and gives the same dump back");
        return workaround
                + (strataState.equals(toolState)
                        ? "succeeds and leaves the same schema and rows as "
                                + project.tool().label() + dumped
                        : "succeeds but the databases differ:\n  "
                                + String.join("\n  ", CorpusSnapshot.difference(strataState, toolState, 12)));
    }

    /**
     * {@code strata dump} of the migrated database must load into an empty database through the
     * engine's shell and give the same dump back: a dump that fails to load, or that leaves part of
     * the schema out, is a problem.
     */
    private Optional<String> dumpReloads(CorpusProject project, Path strataDir, String url)
            throws IOException, InterruptedException {
        StrataProcess.Finished dump = StrataProcess.run(strataDir, Map.of(), "--url", url, "dump");
        if (dump.exitCode() != 0) {
            return Optional.of("strata dump exits " + dump.exitCode() + ": " + firstLines(dump.stderr(), 4));
        }
        if (!dump.stdout().contains("CREATE TABLE")) {
            return Optional.of("strata dump printed no table:\n" + firstLines(dump.stdout(), 4));
        }
        Path file = strataDir.resolve("dump.sql");
        Files.writeString(file, dump.stdout());
        Path reloadDir = Files.createDirectories(strataDir.resolveSibling("reloaded"));
        String reloaded;
        try {
            reloaded = ToolRunner.load(project.postgres(), file, reloadDir.resolve("reloaded.db"));
        } catch (ToolRunner.ToolFailed e) {
            return Optional.of("the dump does not load: " + firstLines(e.getMessage(), 4));
        }
        StrataProcess.Finished again = StrataProcess.run(reloadDir, Map.of(), "--url", reloaded, "dump");
        if (again.exitCode() != 0 || !again.stdout().equals(dump.stdout())) {
            List<String> first = dump.stdout().lines().toList();
            List<String> second = again.stdout().lines().toList();
            return Optional.of("the reloaded dump differs from the dump:\n  "
                    + String.join("\n  ", CorpusSnapshot.difference(first, second, 8))
                            .replace("only after strata: ", "only in the dump: ")
                            .replace("only after the tool: ", "only after reloading it: ")
                    + again.stderr());
        }
        return Optional.empty();
    }

    /** No stack trace and no internal error, whatever the outcome. */
    private static void noCrash(String command, StrataProcess.Finished run, List<String> problems) {
        String output = run.output();
        if (output.contains("\tat ") || output.contains("internal error") || output.contains("Exception")) {
            problems.add("strata " + command + " crashed: " + firstLines(output, 8));
        }
    }

    /** Lint's warnings and errors as "severity rule location"; every finding also goes to the review file. */
    private static TreeSet<String> lintFindings(
            CorpusProject project, StrataProcess.Finished lint, List<String> problems, boolean review)
            throws IOException {
        TreeSet<String> findings = new TreeSet<>();
        if (lint.exitCode() > 1 || lint.stdout().isBlank()) {
            problems.add("strata lint exits " + lint.exitCode() + ": " + firstLines(lint.stderr(), 4));
            return findings;
        }
        StringBuilder lines = new StringBuilder();
        for (JsonNode finding : JSON.readTree(lint.stdout()).get("findings")) {
            String severity = finding.get("severity").asText();
            String location = finding.get("file").asText() + ":"
                    + finding.get("line").asInt() + ":" + finding.get("column").asInt();
            lines.append(project.name())
                    .append('\t')
                    .append(finding.get("rule").asText())
                    .append('\t')
                    .append(severity)
                    .append('\t')
                    .append(location)
                    .append('\t')
                    .append(finding.get("message").asText().replace('\t', ' ').replace('\n', ' '))
                    .append('\n');
            if (severity.equals("error") || severity.equals("warning")) {
                findings.add(severity + " " + finding.get("rule").asText() + " " + location);
            }
        }
        if (review) {
            Files.writeString(LINT, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        return findings;
    }

    /** The gate's warnings (printed as it goes) and errors (in its refusal), as "severity rule location". */
    private static TreeSet<String> gateFindings(StrataProcess.Finished migrate) {
        TreeSet<String> findings = new TreeSet<>();
        boolean inRefusal = false;
        for (String line : migrate.stderr().lines().toList()) {
            boolean warning = line.startsWith("strata: warning: ");
            inRefusal |= line.contains("the linter found");
            Matcher matcher = GATE_FINDING.matcher(line);
            if (matcher.find() && (warning || inRefusal) && !line.strip().startsWith("fix:")) {
                findings.add((warning ? "warning " : "error ") + matcher.group(2) + " " + matcher.group(1));
            }
        }
        return findings;
    }

    private static String first(TreeSet<String> findings) {
        return findings.isEmpty()
                ? "none"
                : findings.size() + " ("
                        + String.join(", ", findings.stream().limit(3).toList()) + (findings.size() > 3 ? ", ..." : "")
                        + ")";
    }

    private static String firstLines(String text, int count) {
        return String.join("\n    ", text.lines().limit(count).toList());
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return to;
    }
}
