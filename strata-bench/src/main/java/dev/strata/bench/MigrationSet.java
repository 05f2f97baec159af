package dev.strata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of generated migrations that every contender runs: small, mixed (tables, indexes,
 * ALTER TABLE ADD COLUMN, inserts, views), valid on SQLite and PostgreSQL alike, and deterministic:
 * the same count always gives byte-identical files, so results of different days compare.
 *
 * <p>Files are named {@code 0001_create_table_1.sql}: strata reads that as it is, Flyway reads it
 * with an empty prefix and {@code _} as separator, and Liquibase gets a changelog of one
 * {@code sqlFile} changeset per file ({@link #liquibaseChangelog()}). Every statement ends with a
 * semicolon at the end of its line, so the floor can split files without a SQL lexer.
 *
 * @param root      the project folder: holds {@code migrations/} and the Liquibase changelog
 * @param count     how many migrations
 * @param files     the migration files, in version order
 */
public record MigrationSet(Path root, int count, List<Path> files) {

    /** The folder of migration files, relative to {@link #root}. */
    public static final String MIGRATIONS = "migrations";

    static final String CHANGELOG = "liquibase-changelog.xml";

    /** Kinds of migration, in the order they repeat: five migrations per generated table. */
    private static final int KINDS = 5;

    public MigrationSet {
        files = List.copyOf(files);
    }

    public Path dir() {
        return root.resolve(MIGRATIONS);
    }

    public Path liquibaseChangelog() {
        return root.resolve(CHANGELOG);
    }

    /** Writes {@code count} migrations and the Liquibase changelog into a new folder {@code root}. */
    public static MigrationSet generate(Path root, int count) {
        try {
            Path dir = root.resolve(MIGRATIONS);
            Files.createDirectories(dir);
            int width = Math.max(4, String.valueOf(count).length());
            List<Path> files = new ArrayList<>(count);
            StringBuilder changelog = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                    + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                    + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                    + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n");
            for (int i = 1; i <= count; i++) {
                int table = (i - 1) / KINDS + 1;
                int kind = (i - 1) % KINDS;
                String version = String.format("%0" + width + "d", i);
                String name = version + "_" + name(kind, table) + ".sql";
                Path file = dir.resolve(name);
                Files.writeString(file, "-- migration " + version + "\n" + body(kind, table), StandardCharsets.UTF_8);
                files.add(file);
                changelog
                        .append("  <changeSet id=\"")
                        .append(version)
                        .append("\" author=\"bench\">\n")
                        .append("    <sqlFile path=\"")
                        .append(MIGRATIONS)
                        .append('/')
                        .append(name)
                        .append("\" splitStatements=\"true\" stripComments=\"true\"/>\n")
                        .append("  </changeSet>\n");
            }
            changelog.append("</databaseChangeLog>\n");
            Files.writeString(root.resolve(CHANGELOG), changelog.toString(), StandardCharsets.UTF_8);
            return new MigrationSet(root, count, files);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the generated migrations under " + root, e);
        }
    }

    /** How many tables, indexes and views {@code count} migrations create, for correctness checks. */
    public static ObjectCounts expectedObjects(int count) {
        int tables = 0;
        int indexes = 0;
        int views = 0;
        for (int i = 0; i < count; i++) {
            switch (i % KINDS) {
                case 0 -> tables++;
                case 1 -> indexes += 2;
                case 4 -> views++;
                default -> {}
            }
        }
        return new ObjectCounts(tables, indexes, views);
    }

    /** Counts of user objects a set of migrations leaves behind. */
    public record ObjectCounts(int tables, int indexes, int views) {}

    private static String name(int kind, int table) {
        return switch (kind) {
            case 0 -> "create_table_" + table;
            case 1 -> "index_table_" + table;
            case 2 -> "add_note_to_table_" + table;
            case 3 -> "seed_table_" + table;
            default -> "create_view_" + table;
        };
    }

    private static String body(int kind, int table) {
        String t = "t_" + table;
        return switch (kind) {
            case 0 ->
                "CREATE TABLE " + t + " (\n"
                        + "    id INTEGER PRIMARY KEY,\n"
                        + "    name TEXT NOT NULL,\n"
                        + "    amount INTEGER NOT NULL DEFAULT 0,\n"
                        + "    created_at TEXT\n"
                        + ");\n";
            case 1 ->
                "CREATE INDEX ix_" + t + "_name ON " + t + " (name);\n" + "CREATE INDEX ix_" + t + "_amount ON " + t
                        + " (amount, created_at);\n";
            case 2 -> "ALTER TABLE " + t + " ADD COLUMN note TEXT;\n";
            case 3 ->
                "INSERT INTO " + t + " (id, name, amount, note) VALUES\n"
                        + "    (1, 'alpha', 10, 'first'),\n"
                        + "    (2, 'beta', 20, NULL),\n"
                        + "    (3, 'gamma', 30, 'it''s third');\n";
            default ->
                "CREATE VIEW v_" + table + " AS\n" + "    SELECT id, name, amount FROM " + t + " WHERE amount > 0;\n";
        };
    }
}
