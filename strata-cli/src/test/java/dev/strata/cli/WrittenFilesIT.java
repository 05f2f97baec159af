package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Postgres15Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files strata writes, against the file system as an adversary leaves it: a symbolic link where a
 * generated file, a backup or a new migration goes must never carry strata's output out of its
 * folder; a backup never takes the name of a file that exists, even one that appears while it is
 * written; and {@code keep} prunes only the backups of its own database.
 */
class WrittenFilesIT {

    private static final String SECRET = "the victim's own file\n";

    @TempDir
    Path root;

    Path project;
    Path victim;

    @BeforeEach
    void projectBesideAFileItMustNotTouch() throws IOException {
        project = Files.createDirectories(root.resolve("project"));
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_users.sql"), "CREATE TABLE users (id INTEGER);\n");
        victim = root.resolve("outside.txt");
        Files.writeString(victim, SECRET);
    }

    @Test
    void docsNeverWriteThroughALinkOutOfTheFolder() throws Exception {
        Files.createDirectories(project.resolve("docs"));
        Files.createSymbolicLink(project.resolve("docs/migrations.md"), victim);

        StrataProcess.Finished run = StrataProcess.run(project, Map.of(), "docs");

        assertRefused(run, "docs/migrations.md is a symbolic link");
        assertThat(Files.readString(victim)).isEqualTo(SECRET);
        assertThat(Files.isSymbolicLink(project.resolve("docs/migrations.md"))).isTrue();
    }

    @Test
    void dumpOutNeverWritesThroughALink() throws Exception {
        String url = "sqlite:" + project.resolve("app.db");
        assertThat(StrataProcess.run(project, Map.of(), "--url", url, "migrate").exitCode())
                .isZero();
        Files.createSymbolicLink(project.resolve("schema.sql"), victim);

        StrataProcess.Finished run = StrataProcess.run(project, Map.of(), "--url", url, "dump", "--out", "schema.sql");

        assertRefused(run, "schema.sql is a symbolic link");
        assertThat(Files.readString(victim)).isEqualTo(SECRET);
    }

    @Test
    void backupOutNeverWritesThroughALinkEvenADanglingOne() throws Exception {
        String url = "sqlite:" + project.resolve("app.db");
        assertThat(StrataProcess.run(project, Map.of(), "--url", url, "migrate").exitCode())
                .isZero();
        Files.createSymbolicLink(project.resolve("existing.sqlite"), victim);
        Path notYet = root.resolve("not-yet.sqlite");
        Files.createSymbolicLink(project.resolve("dangling.sqlite"), notYet);

        assertRefused(
                StrataProcess.run(project, Map.of(), "--url", url, "backup", "--out", "existing.sqlite"),
                "already exists");
        assertRefused(
                StrataProcess.run(project, Map.of(), "--url", url, "backup", "--out", "dangling.sqlite"),
                "already exists");

        assertThat(Files.readString(victim)).isEqualTo(SECRET);
        assertThat(Files.exists(notYet, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertNoPartialFiles(project);
    }

    @Test
    void aNewMigrationNeverWritesThroughALink() throws Exception {
        Path notYet = root.resolve("planted.sql");
        Files.createSymbolicLink(project.resolve("migrations/0002_add_orders.sql"), notYet);

        StrataProcess.Finished run = StrataProcess.run(project, Map.of(), "new", "add_orders");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.stderr())
                .as(run.output())
                .contains("0002_add_orders.sql")
                .doesNotContain("Exception");
        assertThat(Files.exists(notYet, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    /**
     * The file named by {@code --out} appears while pg_dump writes the backup: a pg_dump first on the
     * PATH creates it, then runs the real one. The backup must leave that file alone.
     */
    @Test
    void aBackupNeverReplacesAFileThatAppearsWhileItIsWritten() throws Exception {
        // The server of the installed client tools' major version, so that pg_dump can dump it.
        String url = Postgres15Server.newDatabaseUrl();
        assertThat(StrataProcess.run(project, Map.of(), "--url", url, "migrate").exitCode())
                .isZero();
        Path realPgDump = onPath("pg_dump");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path wrapper = bin.resolve("pg_dump");
        Files.writeString(
                wrapper,
                "#!/bin/sh\n"
                        + "case \"$*\" in *--file=*) printf 'appeared meanwhile\\n' > '"
                        + project.resolve("late.pgdump")
                        + "' ;; esac\n"
                        + "exec '" + realPgDump + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        String path = bin + ":" + System.getenv("PATH");

        StrataProcess.Finished run =
                StrataProcess.run(project, Map.of("PATH", path), "--url", url, "backup", "--out", "late.pgdump");

        assertRefused(run, "appeared while the backup was being written");
        assertThat(Files.readString(project.resolve("late.pgdump"))).isEqualTo("appeared meanwhile\n");
        assertNoPartialFiles(project);
    }

    /** Two environments whose SQLite files share a name, in different folders, each keeping one backup. */
    @Test
    void keepPrunesOnlyTheBackupsOfItsOwnDatabase() throws Exception {
        Files.createDirectories(project.resolve("prod"));
        Files.createDirectories(project.resolve("staging"));
        Files.writeString(project.resolve("strata.toml"), """
                [environments.prod]
                url = "sqlite:prod/app.db"
                keep = 1

                [environments.staging]
                url = "sqlite:staging/app.db"
                keep = 1
                """);
        for (String env : List.of("prod", "staging")) {
            assertThat(StrataProcess.run(project, Map.of(), "--env", env, "migrate")
                            .exitCode())
                    .isZero();
        }
        StrataProcess.Finished prod = StrataProcess.run(project, Map.of(), "--env", "prod", "backup");
        assertThat(prod.exitCode()).as(prod.output()).isZero();
        List<Path> prodBackups = backups();
        assertThat(prodBackups).hasSize(1);

        for (int i = 0; i < 2; i++) {
            StrataProcess.Finished staging = StrataProcess.run(project, Map.of(), "--env", "staging", "backup");
            assertThat(staging.exitCode()).as(staging.output()).isZero();
        }

        List<Path> after = backups();
        assertThat(after).as("prod's backup survives staging's pruning").contains(prodBackups.get(0));
        assertThat(after).as("staging keeps one").hasSize(2);
    }

    private List<Path> backups() throws IOException {
        try (Stream<Path> files = Files.list(project.resolve("backups"))) {
            return files.sorted().toList();
        }
    }

    private static void assertRefused(StrataProcess.Finished run, String says) {
        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.stderr())
                .as(run.output())
                .contains("strata: ")
                .contains(says)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    private static void assertNoPartialFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(program + " is not on the PATH; the PostgreSQL client tools are needed");
    }
}
