package dev.strata.advise;

import dev.strata.dialect.IndexDdl;
import dev.strata.dialect.IndexUsage;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.IndexKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a schema for indexes that cost more than they serve, and foreign keys no index serves.
 * Pure: it sees only the {@link Schema} (and the engine's index statistics when there are any), and
 * knows no engine; the statements it suggests come from the dialect's {@link IndexDdl}.
 *
 * <p>Stateless; safe to share.
 */
public final class IndexAdvisor {

    /** A table with more indexes than this makes every INSERT pay for all of them: worth a look. */
    public static final int MAX_INDEXES = 5;

    private IndexAdvisor() {}

    public static List<Finding> advise(Schema schema, IndexDdl ddl, Optional<IndexUsage> usage) {
        List<Finding> findings = new ArrayList<>();
        for (Table table : schema.tables()) {
            List<Index> indexes =
                    schema.indexesOn(table.name()).stream().filter(Index::valid).toList();
            Set<QualifiedName> dropped = new HashSet<>();
            duplicates(schema, table, indexes, ddl, dropped, findings);
            prefixes(schema, table, indexes, ddl, dropped, findings);
            foreignKeys(schema, table, indexes, ddl, findings);
            usage.ifPresent(stats -> unused(schema, table, indexes, ddl, stats, dropped, findings));
            amplification(schema, table, indexes, dropped, findings);
        }
        return findings;
    }

    // ---- duplicate-index ------------------------------------------------------------------------

    private static void duplicates(
            Schema schema,
            Table table,
            List<Index> indexes,
            IndexDdl ddl,
            Set<QualifiedName> dropped,
            List<Finding> findings) {
        for (int i = 0; i < indexes.size(); i++) {
            Index index = indexes.get(i);
            if (dropped.contains(index.name())) {
                continue;
            }
            Optional<String> twin = constraintWithKeys(table, index);
            if (twin.isEmpty()) {
                for (int j = 0; j < indexes.size() && twin.isEmpty(); j++) {
                    Index other = indexes.get(j);
                    if (j != i && !dropped.contains(other.name()) && sameShape(index, other) && keeps(other, index)) {
                        twin = Optional.of(schema.display(other.name()));
                    }
                }
            }
            if (twin.isPresent()) {
                dropped.add(index.name());
                findings.add(drop(
                        schema,
                        Finding.DUPLICATE,
                        table,
                        index,
                        ddl,
                        schema.display(index.name())
                                + " duplicates " + twin.get() + " on " + schema.display(table.name()) + " (same keys "
                                + index.describeKeys() + "): every INSERT, UPDATE and DELETE maintains both, and"
                                + " queries use only one."));
            }
        }
    }

    /** Of two identical indexes, {@code keeper} stays: a unique one over a plain one, else the first by name. */
    private static boolean keeps(Index keeper, Index other) {
        if (keeper.unique() != other.unique()) {
            return keeper.unique();
        }
        return keeper.name().compareTo(other.name()) < 0;
    }

    /** The primary key or UNIQUE constraint with exactly this index's columns, which makes it a duplicate. */
    private static Optional<String> constraintWithKeys(Table table, Index index) {
        Optional<List<String>> columns = plainColumns(index);
        if (columns.isEmpty() || index.where() != null || !index.include().isEmpty()) {
            return Optional.empty();
        }
        if (table.primaryKey() != null && table.primaryKey().columns().equals(columns.get())) {
            return Optional.of("the primary key");
        }
        for (UniqueConstraint unique : table.uniques()) {
            if (unique.columns().equals(columns.get())) {
                return Optional.of("the UNIQUE constraint on (" + String.join(", ", unique.columns()) + ")");
            }
        }
        return Optional.empty();
    }

    // ---- redundant-prefix-index -----------------------------------------------------------------

    private static void prefixes(
            Schema schema,
            Table table,
            List<Index> indexes,
            IndexDdl ddl,
            Set<QualifiedName> dropped,
            List<Finding> findings) {
        for (Index index : indexes) {
            if (dropped.contains(index.name())
                    || index.unique()
                    || index.where() != null
                    || !index.include().isEmpty()) {
                continue; // a unique index enforces a rule; a partial one serves other queries
            }
            Optional<String> longer = Optional.empty();
            for (Index other : indexes) {
                if (!other.equals(index)
                        && !dropped.contains(other.name())
                        && other.where() == null
                        && Objects.equals(method(other), method(index))
                        && startsWith(other.keys(), index.keys())
                        && other.keys().size() > index.keys().size()) {
                    longer = Optional.of(schema.display(other.name()) + " " + other.describeKeys());
                    break;
                }
            }
            if (longer.isEmpty()) {
                longer = longerConstraint(table, index);
            }
            if (longer.isPresent()) {
                dropped.add(index.name());
                findings.add(drop(
                        schema,
                        Finding.REDUNDANT_PREFIX,
                        table,
                        index,
                        ddl,
                        schema.display(index.name())
                                + " " + index.describeKeys() + " is made redundant by " + longer.get()
                                + ", which starts with"
                                + " the same keys and serves every query it serves; dropping it makes writes to "
                                + schema.display(table.name()) + " cheaper."));
            }
        }
    }

    private static Optional<String> longerConstraint(Table table, Index index) {
        Optional<List<String>> columns = plainColumns(index);
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> constraints = new ArrayList<>();
        if (table.primaryKey() != null) {
            constraints.add(table.primaryKey().columns());
        }
        table.uniques().forEach(unique -> constraints.add(unique.columns()));
        for (List<String> constraint : constraints) {
            if (constraint.size() > columns.get().size()
                    && constraint.subList(0, columns.get().size()).equals(columns.get())) {
                return Optional.of((table.primaryKey() != null
                                        && constraint == table.primaryKey().columns()
                                ? "the primary key"
                                : "the UNIQUE constraint")
                        + " (" + String.join(", ", constraint) + ")");
            }
        }
        return Optional.empty();
    }

    // ---- fk-without-index -----------------------------------------------------------------------

    private static void foreignKeys(
            Schema schema, Table table, List<Index> indexes, IndexDdl ddl, List<Finding> findings) {
        Set<List<String>> suggested = new HashSet<>();
        for (ForeignKey key : table.foreignKeys()) {
            if (key.columns().isEmpty()
                    || servedByIndex(table, indexes, key.columns())
                    || !suggested.add(key.columns())) {
                continue;
            }
            String name = "ix_" + table.name().name() + "_" + String.join("_", key.columns());
            Index index = new Index(
                    new QualifiedName(table.name().schema(), name),
                    table.name(),
                    false,
                    key.columns().stream().map(IndexKey::column).toList(),
                    null,
                    null,
                    true,
                    null);
            findings.add(new Finding(
                    Finding.FK_WITHOUT_INDEX,
                    schema.display(table.name()),
                    schema.display(index.name()),
                    "The foreign key " + schema.display(table.name()) + " ("
                            + String.join(", ", key.columns()) + ") -> " + schema.display(key.target())
                            + " has no index that"
                            + " starts with its columns: each DELETE or key UPDATE on " + schema.display(key.target())
                            + " scans " + schema.display(table.name()) + ", and so do joins from "
                            + schema.display(key.target())
                            + ".",
                    ddl.create(index),
                    ddl.drop(index.name()),
                    true));
        }
    }

    /** An index, the primary key or a UNIQUE constraint whose leading columns are {@code columns}, in any order. */
    private static boolean servedByIndex(Table table, List<Index> indexes, List<String> columns) {
        Set<String> wanted = new HashSet<>(columns);
        for (Index index : indexes) {
            if (index.where() == null && index.keys().size() >= columns.size()) {
                Set<String> leading = new HashSet<>();
                for (IndexKey key : index.keys().subList(0, columns.size())) {
                    if (key.column() != null) {
                        leading.add(key.column());
                    }
                }
                if (leading.equals(wanted)) {
                    return true;
                }
            }
        }
        List<List<String>> constraints = new ArrayList<>();
        if (table.primaryKey() != null) {
            constraints.add(table.primaryKey().columns());
        }
        table.uniques().forEach(unique -> constraints.add(unique.columns()));
        return constraints.stream()
                .anyMatch(constraint -> constraint.size() >= columns.size()
                        && new HashSet<>(constraint.subList(0, columns.size())).equals(wanted));
    }

    // ---- unused-index ---------------------------------------------------------------------------

    private static void unused(
            Schema schema,
            Table table,
            List<Index> indexes,
            IndexDdl ddl,
            IndexUsage usage,
            Set<QualifiedName> dropped,
            List<Finding> findings) {
        for (Index index : indexes) {
            Long scans = usage.scans().get(index.name());
            if (scans == null || scans > 0 || index.unique() || dropped.contains(index.name())) {
                continue; // unique indexes enforce a rule even when never read
            }
            findings.add(drop(
                            schema,
                            Finding.UNUSED,
                            table,
                            index,
                            ddl,
                            schema.display(index.name()) + " on "
                                    + schema.display(table.name()) + " has not been used by any query"
                                    + usage.since()
                                            .map(since -> " since the statistics were reset (" + since + ")")
                                            .orElse("")
                                    + ", yet every write maintains it. Check this against production's statistics before"
                                    + " dropping it.")
                    .asAdvisory());
        }
    }

    // ---- write-amplification --------------------------------------------------------------------

    private static void amplification(
            Schema schema, Table table, List<Index> indexes, Set<QualifiedName> dropped, List<Finding> findings) {
        int count = indexes.size() + table.uniques().size();
        if (count <= MAX_INDEXES) {
            return;
        }
        Set<String> droppable = new LinkedHashSet<>();
        indexes.stream()
                .filter(index -> dropped.contains(index.name()))
                .forEach(index -> droppable.add(schema.display(index.name())));
        String measure = "strata bench-insert " + schema.display(table.name())
                + droppable.stream().map(name -> " --without-index " + name).reduce("", String::concat);
        findings.add(new Finding(
                Finding.WRITE_AMPLIFICATION,
                schema.display(table.name()),
                null,
                schema.display(table.name()) + " has " + count + " indexes besides its table: every INSERT writes "
                        + (count + 1) + " b-trees, and every UPDATE of an indexed column rewrites entries in them."
                        + (droppable.isEmpty()
                                ? " Keep only the indexes its queries need"
                                : " The findings above name " + droppable.size() + " that can go")
                        + "; measure the gain with '" + measure + "'.",
                null,
                null,
                false));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Finding drop(Schema schema, String id, Table table, Index index, IndexDdl ddl, String message) {
        return new Finding(
                id,
                schema.display(table.name()),
                schema.display(index.name()),
                message,
                ddl.drop(index.name()),
                ddl.create(index),
                true);
    }

    /** Same keys, partial condition, method and included columns: the same index under two names. */
    private static boolean sameShape(Index a, Index b) {
        return a.keys().equals(b.keys())
                && Objects.equals(a.where(), b.where())
                && Objects.equals(method(a), method(b))
                && a.include().equals(b.include());
    }

    private static String method(Index index) {
        return index.method() == null ? "btree" : index.method();
    }

    private static boolean startsWith(List<IndexKey> keys, List<IndexKey> prefix) {
        return keys.size() >= prefix.size() && keys.subList(0, prefix.size()).equals(prefix);
    }

    /** The index's keys as plain ascending column names, when that is all they are. */
    private static Optional<List<String>> plainColumns(Index index) {
        List<String> columns = new ArrayList<>();
        for (IndexKey key : index.keys()) {
            if (key.column() == null
                    || key.descending()
                    || key.collation() != null
                    || key.opclass() != null
                    || key.nulls() != null) {
                return Optional.empty();
            }
            columns.add(key.column());
        }
        return Optional.of(columns);
    }
}
