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
                passes("tari-wallet", false, Tool.DIESEL, "migrations"),
                passes("crates-io", true, Tool.DIESEL, "migrations"),
                passes("lakefs", true, Tool.GOLANG_MIGRATE, "migrations"),
                passes("shiori-sqlite", false, Tool.GOLANG_MIGRATE, "migrations"),
                passes("pocket-id-postgres", true, Tool.GOLANG_MIGRATE, "migrations"),
                passes("atuin-client", false, Tool.SQLX, "migrations"),
                passes("atuin-server-postgres", true, Tool.SQLX, "migrations"),
                passes("kannon", true, Tool.DBMATE, "db/migrations"),
                passes("conductor-postgres", true, Tool.FLYWAY, "migrations"),
                passes("conductor-sqlite", false, Tool.FLYWAY, "migrations"),
                passes("moemail", false, Tool.WRANGLER, "drizzle"),
                passes("saas-admin", false, Tool.WRANGLER, "migrations"));
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
