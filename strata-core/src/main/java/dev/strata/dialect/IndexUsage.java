package dev.strata.dialect;

import dev.strata.schema.QualifiedName;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How often each index has been used to read, from the engine's statistics (PostgreSQL's
 * {@code pg_stat_user_indexes}). SQLite keeps no such statistics.
 *
 * @param scans  index scans per index since the statistics were last reset
 * @param since  when they were reset, when the engine says
 */
public record IndexUsage(Map<QualifiedName, Long> scans, Optional<Instant> since) {

    public IndexUsage {
        scans = Map.copyOf(scans);
    }
}
