package dev.strata.source;

/** How a migration's files are laid out in the migrations folder. */
public enum Layout {
    /** {@code 0001_name.sql}: up only. */
    SINGLE_FILE,
    /** {@code 0001_name.up.sql} beside {@code 0001_name.down.sql}. */
    UP_DOWN_PAIR,
    /** {@code 0001_name/up.sql} and {@code 0001_name/down.sql}. */
    FOLDER
}
