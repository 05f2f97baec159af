package dev.strata.adopt;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The migration tools whose history strata can find and take over. */
public enum Tool {
    WRANGLER("wrangler", "wrangler d1", "d1_migrations"),
    SQLX("sqlx", "SQLx", "_sqlx_migrations"),
    FLYWAY("flyway", "Flyway", "flyway_schema_history"),
    GOLANG_MIGRATE("golang-migrate", "golang-migrate", "schema_migrations"),
    DBMATE("dbmate", "dbmate", "schema_migrations"),
    DIESEL("diesel", "diesel", "__diesel_schema_migrations"),
    ALEMBIC("alembic", "Alembic", "alembic_version");

    private final String id;
    private final String displayName;
    private final String table;

    Tool(String id, String displayName, String table) {
        this.id = id;
        this.displayName = displayName;
        this.table = table;
    }

    /** The name given to {@code --from}: {@code flyway}, {@code golang-migrate}. */
    public String id() {
        return id;
    }

    /** The tool's name for people: {@code Flyway}. */
    public String displayName() {
        return displayName;
    }

    /** The history table the tool keeps by default. */
    public String table() {
        return table;
    }

    /** The tool named {@code id} ({@code --from}), in any case. */
    public static Optional<Tool> byId(String id) {
        return Arrays.stream(values())
                .filter(t -> t.id.equalsIgnoreCase(id.strip()))
                .findFirst();
    }

    /** Every {@code --from} name, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(Tool::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return displayName.toLowerCase(Locale.ROOT);
    }
}
