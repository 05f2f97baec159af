package dev.strata.cli;

import dev.strata.testing.PostgresServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the hostile-input corpus can't write as text: pipes, links, huge files, protected files, a password. */
final class HostileFixtures {

    /** The role whose password the server really checks (the embedded server trusts everyone else). */
    static final String PASSWORD_ROLE = "strata_pw";

    static final String PASSWORD = "Right-Pw-42";
    private static final java.util.Set<String> READY_ROLES = new java.util.HashSet<>();

    private HostileFixtures() {}

    /**
     * @param undo collects what must be undone even when the case fails (an immutable file can't be
     *             deleted with the temporary folder)
     */
    static void prepare(Path project, List<String> words, List<Runnable> undo) throws Exception {
        String fixture = words.get(0);
        switch (fixture) {
            case "fifo" -> {
                Files.createDirectories(project.resolve(words.get(1)).getParent());
                command("mkfifo", project.resolve(words.get(1)).toString());
            }
            case "folder" -> Files.createDirectories(project.resolve(words.get(1)));
            case "symlink" -> {
                Path link = project.resolve(words.get(1));
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, Path.of(words.get(2)));
            }
            case "big" -> big(project.resolve(words.get(1)), Integer.parseInt(words.get(2)));
            case "sparse" -> sparse(project.resolve(words.get(1)), Integer.parseInt(words.get(2)));
            case "outside-link" -> outsideLink(project.resolve(words.get(1)), words.get(2), undo);
            case "immutable" -> immutable(project.resolve(words.get(1)), undo);
            case "password-role" -> passwordRole();
            default -> throw new IllegalArgumentException("unknown fixture " + fixture);
        }
    }

    /**
     * A migration of {@code megabytes} MB of ordinary INSERT statements whose very last line opens a
     * quote it never closes: strata must read and split all of it, then refuse it before any change.
     */
    private static void big(Path file, int megabytes) throws IOException {
        Files.createDirectories(file.getParent());
        long target = megabytes * 1024L * 1024L;
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String create = "CREATE TABLE big (id INTEGER PRIMARY KEY, note TEXT NOT NULL);\n";
            out.write(create);
            written += create.length();
            for (long i = 1; written < target; i++) {
                String line = "INSERT INTO big (id, note) VALUES (" + i + ", 'row " + i + " with; a semicolon');\n";
                out.write(line);
                written += line.length();
            }
            out.write("INSERT INTO big (id, note) VALUES (0, 'never closed);\n");
        }
    }

    /**
     * One statement, then NUL bytes up to {@code megabytes} MB, without writing them: a sparse file, as
     * large as it says but taking no disk. Reading it whole would take minutes.
     */
    private static void sparse(Path file, int megabytes) throws IOException {
        Files.createDirectories(file.getParent());
        try (java.io.RandomAccessFile out = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            out.write("CREATE TABLE huge (id INTEGER);\n".getBytes(StandardCharsets.UTF_8));
            out.setLength(megabytes * 1024L * 1024L);
        }
    }

    /** {@code link}, a symbolic link to a file outside the project (in a folder of its own) holding {@code text}. */
    private static void outsideLink(Path link, String text, List<Runnable> undo) throws IOException {
        Path outside = Files.createTempDirectory("strata-outside");
        Path target = Files.writeString(outside.resolve("secret.txt"), text);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
        undo.add(() -> {
            try {
                Files.deleteIfExists(target);
                Files.deleteIfExists(outside);
            } catch (IOException ignored) {
                // A temporary folder; the case's outcome is what matters.
            }
        });
    }

    /** Root ignores permission bits, so as root the file is made immutable instead; honest either way. */
    private static void immutable(Path file, List<Runnable> undo) throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            command("chattr", "+i", file.toString());
            undo.add(() -> {
                try {
                    command("chattr", "-i", file.toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } else {
            file.toFile().setWritable(false, false);
            file.getParent().toFile().setWritable(false, false);
            undo.add(() -> {
                file.getParent().toFile().setWritable(true, true);
                file.toFile().setWritable(true, true);
            });
        }
    }

    /**
     * A role that must give its password: pg_hba.conf gets a scram-sha-256 line for this role alone,
     * ahead of the embedded server's trust-everyone lines, and the server reloads it.
     */
    private static void passwordRole() throws Exception {
        passwordRole(PASSWORD_ROLE, PASSWORD);
    }

    static synchronized void passwordRole(String role, String password) throws Exception {
        if (!READY_ROLES.add(role)) {
            return;
        }
        PostgresServer.execute(
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
                        + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'; END IF; END $$");
        Path hba = Path.of(dev.strata.testing.Jdbc.query(
                        "postgres://postgres@localhost:" + PostgresServer.port() + "/postgres", "SHOW hba_file")
                .get(0)
                .get(0));
        String lines =
                "host all " + role + " 127.0.0.1/32 scram-sha-256\n" + "host all " + role + " ::1/128 scram-sha-256\n";
        String current = Files.readString(hba);
        if (!current.startsWith(lines)) {
            Files.writeString(hba, lines + current);
        }
        PostgresServer.execute("SELECT pg_reload_conf()");
        // The server rereads the file when it gets to the signal; wait until a wrong password is refused.
        String jdbc = "jdbc:postgresql://localhost:" + PostgresServer.port() + "/postgres";
        for (int attempt = 0; ; attempt++) {
            try (java.sql.Connection ignored = java.sql.DriverManager.getConnection(jdbc, role, "wrong")) {
                if (attempt > 500) {
                    throw new IllegalStateException("the server still lets " + role + " in without its password");
                }
                Thread.sleep(20);
            } catch (java.sql.SQLException refused) {
                break;
            }
        }
    }

    private static void command(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: "
                    + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
