package dev.strata.cli;

import java.util.List;
import java.util.Optional;

/**
 * One real project of the corpus in {@code src/test/resources/corpus}: its folder, the engine it
 * runs on and the tool whose runner gives the reference result.
 *
 * @param name       the folder under {@code corpus/}
 * @param postgres   PostgreSQL when true, SQLite (or D1, which is SQLite) otherwise
 * @param tool       the tool the project's migrations were written for
 * @param migrations the migrations folder inside the project, as the tool finds it
 * @param knownGap   why strata can't take this project as it is yet, naming the missing capability;
 *                   empty when it must pass
 */
record CorpusProject(String name, boolean postgres, Tool tool, String migrations, Optional<String> knownGap) {

    /** Every project of the corpus; the README next to the data says where each comes from. */
    static List<CorpusProject> all() {
        return List.of(
                notYet("tari-wallet", false, Tool.DIESEL, "migrations", "a diesel version folder with a five-digit"
                        + " time (2023-10-06-10000_drop_mmr) is refused; diesel reads every folder name up to its"
                        + " first '_' as the version"),
                notYet("crates-io", true, Tool.DIESEL, "migrations", "diesel 2.3's version folders with a time zone"
                        + " part (2025-11-19-091444-0000_name) are refused"),
                notYet("harbor", true, Tool.GOLANG_MIGRATE, "migrations", "0030 alters golang-migrate's own history"
                        + " table (ALTER TABLE schema_migrations ADD COLUMN data_version), which only golang-migrate"
                        + " creates"),
                notYet("pocket-id-sqlite", false, Tool.GOLANG_MIGRATE, "migrations", "an up and a down file of"
                        + " one version with different names (20240813211251_passkey_backup_flags..up.sql) are not"
                        + " paired; and 20250705000000_normalize calls normalize(), an SQL function the application"
                        + " registers on its own connection, so neither sqlite3 nor strata can run it"),
                notYet("pocket-id-postgres", true, Tool.GOLANG_MIGRATE, "migrations", "comment-only up files,"
                        + " which golang-migrate runs as no-ops, are refused as having no statements"),
                notYet("atuin-client", false, Tool.SQLX, "migrations", "the gate refuses DROP TABLE on a fresh"
                        + " database, where the table is empty (the gate does not judge by the data)"),
                notYet("atuin-server-postgres", true, Tool.SQLX, "migrations", "the gate refuses DROP TABLE and"
                        + " DROP COLUMN on a fresh database, where the tables are empty (the gate does not judge by"
                        + " the data)"),
                notYet("conductor-postgres", true, Tool.FLYWAY, "migrations", "a Flyway file of CREATE/DROP INDEX"
                        + " CONCURRENTLY is refused instead of being run outside a transaction as Flyway runs it"),
                passes("conductor-sqlite", false, Tool.FLYWAY, "migrations"),
                notYet("moemail", false, Tool.WRANGLER, "drizzle", "the migrations_dir of wrangler.json (drizzle)"
                        + " is not read: strata looks for migrations/"),
                notYet("saas-admin", false, Tool.WRANGLER, "migrations", "DROP TABLE IF EXISTS of a table no"
                        + " earlier migration created is an error in the gate"));
    }

    private static CorpusProject passes(String name, boolean postgres, Tool tool, String migrations) {
        return new CorpusProject(name, postgres, tool, migrations, Optional.empty());
    }

    private static CorpusProject notYet(String name, boolean postgres, Tool tool, String migrations, String gap) {
        return new CorpusProject(name, postgres, tool, migrations, Optional.of(gap));
    }

    @Override
    public String toString() {
        return name + " (" + tool.label() + ", " + (postgres ? "PostgreSQL" : tool == Tool.WRANGLER ? "D1" : "SQLite")
                + ")";
    }
}
