package dev.strata.source;

/**
 * How a migration's files are laid out in the migrations folder. Each layout belongs to a
 * {@link Family}; one folder holds the layouts of one family only.
 */
public enum Layout {
    /** {@code 0001_name.sql}: up only. */
    SINGLE_FILE(Family.STRATA),
    /** {@code 0001_name.up.sql} beside {@code 0001_name.down.sql}. */
    UP_DOWN_PAIR(Family.STRATA),
    /** {@code 0001_name/up.sql} and {@code 0001_name/down.sql}. */
    FOLDER(Family.STRATA),
    /**
     * diesel's folders, {@code 2025-01-23-000001_name/} or {@code 2025-01-23_000001_name/}, holding
     * {@code up.sql} and {@code down.sql}. As in diesel, an up script with no statements is a migration
     * that does nothing.
     */
    DIESEL(Family.STRATA),
    /** Flyway's {@code V1__name.sql}, with {@code U1__name.sql} as its down script when there is one. */
    FLYWAY(Family.FLYWAY),
    /** Flyway's {@code R__name.sql}: no version, re-run whenever its checksum changes. */
    FLYWAY_REPEATABLE(Family.FLYWAY),
    /** dbmate's single file with a {@code -- migrate:up} and a {@code -- migrate:down} section. */
    DBMATE(Family.DBMATE);

    private final Family family;

    Layout(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }

    /** The naming conventions a folder can follow; mixing two in one folder is refused. */
    public enum Family {
        STRATA("strata (0001_name.sql, 0001_name.up.sql, 0001_name/up.sql, diesel's 2025-01-23-000001_name/up.sql)"),
        FLYWAY("Flyway (V1__name.sql, U1__name.sql, R__name.sql)"),
        DBMATE("dbmate (20250123000001_name.sql with -- migrate:up / -- migrate:down)");

        private final String description;

        Family(String description) {
            this.description = description;
        }

        /** The family and its file names, for messages. */
        public String description() {
            return description;
        }
    }
}
