package dev.strata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The least any migration tool can do: list the folder, read each file, run its statements over
 * plain JDBC, and insert one history row and commit once per migration. No locking, no checks, no
 * parsing beyond what the generated files need (every statement ends with {@code ;} at a line's
 * end). A tool that does more work than this, safely, is measured against it.
 */
public final class FloorContender implements Contender {

    private static final String HISTORY = "bench_history";

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public String version() {
        return "plain JDBC";
    }

    @Override
    public void migrate(Target target, MigrationSet set) throws Exception {
        List<Path> files = list(set);
        try (Connection connection = target.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + HISTORY + " (version TEXT NOT NULL PRIMARY KEY,"
                    + " name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL,"
                    + " execution_ms BIGINT NOT NULL, success INTEGER NOT NULL)");
            Map<String, String> applied = history(connection);
            connection.setAutoCommit(false);
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO " + HISTORY + " VALUES (?, ?, ?, ?, ?, 1)")) {
                for (Path file : files) {
                    String version = version(file);
                    if (applied.containsKey(version)) {
                        continue;
                    }
                    long started = System.nanoTime();
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    for (String sql : statements(text)) {
                        statement.execute(sql);
                    }
                    insert.setString(1, version);
                    insert.setString(2, file.getFileName().toString());
                    insert.setString(3, sha256(text));
                    insert.setString(4, Instant.now().toString());
                    insert.setLong(5, (System.nanoTime() - started) / 1_000_000);
                    insert.executeUpdate();
                    connection.commit();
                }
            }
        }
    }

    @Override
    public int status(Target target, MigrationSet set) throws Exception {
        return matching(target, set);
    }

    @Override
    public boolean validate(Target target, MigrationSet set) throws Exception {
        return matching(target, set) == set.count();
    }

    /** How many files are recorded with their current checksum. */
    private static int matching(Target target, MigrationSet set) throws Exception {
        List<Path> files = list(set);
        Map<String, String> applied;
        try (Connection connection = target.connect()) {
            applied = history(connection);
        }
        int matching = 0;
        for (Path file : files) {
            String checksum = applied.get(version(file));
            if (checksum != null && checksum.equals(sha256(Files.readString(file, StandardCharsets.UTF_8)))) {
                matching++;
            }
        }
        return matching;
    }

    private static Map<String, String> history(Connection connection) throws SQLException {
        Map<String, String> applied = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, checksum FROM " + HISTORY)) {
            while (rows.next()) {
                applied.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            return applied; // No history table yet: nothing applied.
        }
        return applied;
    }

    private static List<Path> list(MigrationSet set) throws IOException {
        try (Stream<Path> files = Files.list(set.dir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .toList();
        }
    }

    private static String version(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.indexOf('_'));
    }

    /** Statements end with {@code ;} at the end of a line; whole-line comments are dropped. */
    static List<String> statements(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")));
                current.setLength(0);
            }
        }
        return statements;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
