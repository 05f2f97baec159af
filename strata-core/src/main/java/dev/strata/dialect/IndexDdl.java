package dev.strata.dialect;

import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;

/**
 * The statements that add and remove one index on a live database with the least disruption the
 * engine allows: on PostgreSQL {@code CONCURRENTLY}, which cannot run inside a transaction.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface IndexDdl {

    /** CREATE INDEX for {@code index}; no trailing semicolon. */
    String create(Index index);

    /** DROP INDEX for the index named {@code name}; no trailing semicolon. */
    String drop(QualifiedName name);

    /** False when these statements must run outside a transaction ({@code -- strata:no-transaction}). */
    boolean transactional();
}
