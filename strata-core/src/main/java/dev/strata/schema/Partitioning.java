package dev.strata.schema;

/**
 * How a PostgreSQL table takes part in declarative partitioning. A table can be both partitioned
 * and a partition (sub-partitioning).
 *
 * @param partitionBy for a partitioned table, its key as written after {@code PARTITION BY}, e.g.
 *                    {@code RANGE (created_at)}; null otherwise
 * @param parent      for a partition, the partitioned table it belongs to; null otherwise
 * @param bound       for a partition, its bound, e.g. {@code FOR VALUES FROM ('2024-01-01') TO
 *                    ('2025-01-01')} or {@code DEFAULT}; null otherwise
 */
public record Partitioning(String partitionBy, QualifiedName parent, String bound) {

    public Partitioning {
        if ((parent == null) != (bound == null)) {
            throw new IllegalArgumentException("a partition has both a parent and a bound");
        }
        if (partitionBy == null && parent == null) {
            throw new IllegalArgumentException("partitioning needs a key or a parent; use null for a plain table");
        }
    }

    public boolean isPartition() {
        return parent != null;
    }
}
