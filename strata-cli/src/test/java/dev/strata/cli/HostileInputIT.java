package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every case of {@code hostile-input.cases} through the packaged jar. Each case must end with
 * the documented exit code, one message (what, where, what to do) containing the case's fragments,
 * no stack trace anywhere, and, unless the case says otherwise, the database exactly as it was: the
 * SQLite file byte for byte, or on PostgreSQL a catalog snapshot with a digest of every table's rows.
 *
 * <p>Tests run as root here, and root reads and writes through file permissions. The unreadable
 * inputs are therefore a folder where a file should be, a named pipe and symbolic-link loops, which
 * stop root as well; the read-only database is made immutable with {@code chattr +i} when running as
 * root and write-protected with {@code chmod} otherwise. The full disk is a file-size limit
 * ({@code ulimit -f}) in the shell that starts strata: no mount is needed.
 */
class HostileInputIT {

    private static final String SQLITE_FILE = "app.db";
    /** Lines strata prints on stderr that are notices (and the linter's warnings), not the error. */
    private static final List<String> NOTICES = List.of(
            "strata: no database configured",
            "strata: waiting: ",
            "strata: warning: ",
            "strata: the schema-aware checks stop at ");

    @TempDir
    Path root;

    @TestFactory
    Stream<DynamicTest> everyHostileInputGetsOneClearMessageAndChangesNothing() throws IOException {
        List<HostileCase> cases = HostileCase.load("/hostile-input.cases");
        Files.deleteIfExists(Path.of("target", "hostile-input.txt"));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        assertThat(cases.stream().map(HostileCase::name).distinct().count()).isEqualTo(cases.size());
        // -Dstrata.hostile.only=name,name... runs only the cases whose names contain one of them.
        List<String> only = List.of(
                        System.getProperty("strata.hostile.only", "").split(","))
                .stream()
                .filter(name -> !name.isBlank())
                .toList();
        return CaseSample.current().of("HostileInputIT", cases).stream()
                .filter(c -> only.isEmpty() || only.stream().anyMatch(c.name()::contains))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private void check(HostileCase c) throws Exception {
        Path project = Files.createDirectories(root.resolve(c.name()));
        String url = c.postgres() ? PostgresServer.newDatabaseUrl() : "sqlite:" + SQLITE_FILE;
        Map<String, String> values = c.postgres()
                ? Map.of(
                        "${url}",
                        url,
                        "${pgport}",
                        String.valueOf(PostgresServer.port()),
                        "${pgdb}",
                        url.substring(url.lastIndexOf('/') + 1))
                : Map.of("${url}", url, "${pgport}", String.valueOf(PostgresServer.port()), "${pgdb}", "none");
        List<Runnable> undo = new ArrayList<>();
        try {
            write(project, c.setupFiles(), values);
            if (!c.setupFiles().isEmpty()) {
                Strata.configure()
                        .projectDir(project)
                        .url(url)
                        .environmentVariables(Map.of())
                        .load()
                        .migrate();
            }
            write(project, c.files(), values);
            for (String delete : c.deletes()) {
                Files.delete(project.resolve(delete));
            }
            String jdbcUrl = c.postgres() ? url : "sqlite:" + project.resolve(SQLITE_FILE);
            for (String statement : c.sql()) {
                Jdbc.execute(jdbcUrl, substitute(statement, values));
            }
            for (List<String> prepare : c.prepares()) {
                HostileFixtures.prepare(project, prepare, undo);
            }
            Object before = state(c, project, jdbcUrl);

            List<String> args = c.run().stream().map(a -> substitute(a, values)).toList();
            Map<String, String> env = new java.util.HashMap<>();
            c.env().forEach((k, v) -> env.put(k, substitute(v, values)));
            StrataProcess.Finished run = StrataProcess.run(project, env, c.shell(), args.toArray(String[]::new));
            String context = "case " + c.name() + ": strata " + String.join(" ", args) + "\nexit " + run.exitCode()
                    + "\nstdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr();

            // Every message, in one file, so a person can read what users would see: target/hostile-input.txt.
            Files.writeString(
                    Path.of("target", "hostile-input.txt"),
                    context + "\n\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            assertThat(run.exitCode()).as(context).isEqualTo(c.exit());
            for (String fragment : c.says()) {
                assertThat(run.output()).as(context).contains(fragment);
            }
            for (String fragment : c.hides()) {
                assertThat(run.output())
                        .as(context + "\nmust not show: " + fragment)
                        .doesNotContain(fragment);
            }
            assertThat(run.output())
                    .as(context)
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception")
                    .doesNotContain("Caused by")
                    .doesNotContain("SEVERE")
                    .doesNotContain("internal error");
            if (c.exit() != 0) {
                List<String> errors = run.stderr()
                        .lines()
                        .filter(line -> line.startsWith("strata: "))
                        .filter(line -> NOTICES.stream().noneMatch(line::startsWith))
                        .toList();
                assertThat(errors).as(context + "\none message, on stderr").hasSize(1);
                assertThat(run.stdout())
                        .as(context + "\nnothing on stdout when it fails")
                        .isEmpty();
            }
            if (!c.then().isEmpty()) {
                undo.forEach(Runnable::run);
                undo.clear();
                StrataProcess.Finished then = StrataProcess.run(
                        project,
                        env,
                        c.then().stream().map(a -> substitute(a, values)).toArray(String[]::new));
                assertThat(then.exitCode())
                        .as(context + "\nthen:\n" + then.output())
                        .isZero();
            }
            if (!c.changesAllowed()) {
                assertThat(state(c, project, jdbcUrl))
                        .as(context + "\nthe database must be unchanged")
                        .isEqualTo(before);
            }
        } finally {
            undo.forEach(Runnable::run);
        }
    }

    /** The SQLite file's hash (with "absent" when there is none), or PostgreSQL's catalog and row digests. */
    private static Object state(HostileCase c, Path project, String jdbcUrl) {
        return c.postgres()
                ? DatabaseSnapshot.everything(jdbcUrl)
                : DatabaseSnapshot.fileHash(project.resolve(SQLITE_FILE));
    }

    private static void write(Path project, Map<String, byte[]> files, Map<String, String> values) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = project.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            byte[] bytes = file.getValue();
            String asText = new String(bytes, StandardCharsets.ISO_8859_1);
            if (asText.contains("${")) {
                // ISO-8859-1 round-trips every byte, so placeholders are replaced without touching the rest.
                bytes = substitute(asText, values).getBytes(StandardCharsets.ISO_8859_1);
            }
            Files.write(path, bytes);
        }
    }

    private static String substitute(String text, Map<String, String> values) {
        String result = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace(value.getKey(), value.getValue());
        }
        return result;
    }
}
