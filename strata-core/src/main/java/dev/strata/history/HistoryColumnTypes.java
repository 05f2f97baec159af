package dev.strata.history;

/**
 * The column types an engine uses for the history table.
 *
 * @param text             type for names and checksums
 * @param timestamp        type for applied_at
 * @param timestampIsText  true when applied_at is stored as ISO-8601 text (SQLite has no timestamp type)
 * @param bigint           type for execution_ms and installed_rank
 * @param bool             type for success
 */
public record HistoryColumnTypes(String text, String timestamp, boolean timestampIsText, String bigint, String bool) {}
