package dev.strata.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Short texts for objects of the model, as {@link SchemaChange} shows them: what an added object is,
 * and the values compared when an object changed. Two objects whose summaries are equal are, for
 * that aspect, the same.
 */
final class Summaries {

    static final String YES = "yes";
    static final String NO = "no";
    static final String NONE = "none";

    private Summaries() {}

    static String yesNo(boolean value) {
        return value ? YES : NO;
    }

    static String orNone(String value) {
        return value == null ? NONE : value;
    }

    /** {@code 7 columns}. */
    static String table(Table table) {
        return table.columns().size() + (table.columns().size() == 1 ? " column" : " columns");
    }

    /** {@code TEXT NOT NULL DEFAULT 'x'}, or null for a bare column without a type. */
    static String column(Column column) {
        List<String> parts = new ArrayList<>();
        if (!column.type().isEmpty()) {
            parts.add(column.type());
        }
        if (column.notNull()) {
            parts.add("NOT NULL");
        }
        if (column.defaultValue() != null) {
            parts.add("DEFAULT " + column.defaultValue());
        }
        if (column.identity() != null) {
            parts.add("GENERATED " + column.identity() + " AS IDENTITY");
        }
        if (column.generated() != null) {
            parts.add(generated(column.generated()));
        }
        if (column.collation() != null) {
            parts.add("COLLATE " + column.collation());
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    static String generated(Column.Generated generated) {
        return generated == null
                ? NONE
                : "AS (" + generated.expression() + ")" + (generated.stored() ? " STORED" : " VIRTUAL");
    }

    /** A list of columns as a name: {@code user_id}, or {@code (a, b)} for several. */
    static String columnsAsName(List<String> columns) {
        return columns.size() == 1 ? columns.get(0) : "(" + String.join(", ", columns) + ")";
    }

    static String columnList(List<String> columns) {
        return "(" + String.join(", ", columns) + ")";
    }

    /** {@code on threads(status)}, with UNIQUE, a non-default method and WHERE when there are. */
    static String index(Index index, String tableName) {
        return (index.unique() ? "unique " : "") + "on " + tableName + index.describeKeys()
                + (index.method() != null && !index.method().equals("btree") ? " using " + index.method() : "")
                + (index.include().isEmpty() ? "" : " include " + columnList(index.include()))
                + (index.where() != null ? " where " + index.where() : "");
    }

    /** {@code users(id)}: what a foreign key points at. */
    static String references(ForeignKey key, String targetName) {
        return targetName + columnList(key.targetColumns());
    }

    /** {@code -> users(id) on delete CASCADE}, with ON UPDATE and DEFERRABLE when not the defaults. */
    static String foreignKey(ForeignKey key, String targetName) {
        return "-> " + references(key, targetName) + " on delete "
                + key.onDelete().sql()
                + (key.onUpdate() != ReferentialAction.NO_ACTION
                        ? " on update " + key.onUpdate().sql()
                        : "")
                + (key.deferrable() ? " " + deferrable(key) : "")
                + (key.valid() ? "" : " not valid");
    }

    static String deferrable(ForeignKey key) {
        if (!key.deferrable()) {
            return NO;
        }
        return key.initiallyDeferred() ? "deferrable initially deferred" : "deferrable";
    }

    static String sequence(Sequence sequence) {
        return sequence.dataType() + " start " + sequence.start() + " increment " + sequence.increment() + " min "
                + sequence.minValue() + " max " + sequence.maxValue() + (sequence.cycle() ? " cycle" : "");
    }

    /** {@code enum ('a', 'b')}, {@code domain integer CHECK (...)}. */
    static String type(UserType type) {
        String kind = type.kind().name().toLowerCase(java.util.Locale.ROOT);
        if (type.kind() == UserType.Kind.ENUM) {
            return kind + " ("
                    + String.join(
                            ", ", type.labels().stream().map(Summaries::literal).toList()) + ")";
        }
        return type.definition().isEmpty() ? kind : kind + " " + type.definition();
    }

    /** {@code partition by RANGE (day)}, {@code partition of events FOR VALUES ...}, or none. */
    static String partitioning(Partitioning partitioning, Schema schema) {
        if (partitioning == null) {
            return NONE;
        }
        List<String> parts = new ArrayList<>();
        if (partitioning.partitionBy() != null) {
            parts.add("partition by " + partitioning.partitionBy());
        }
        if (partitioning.isPartition()) {
            parts.add("partition of " + schema.display(partitioning.parent()) + " " + partitioning.bound());
        }
        return String.join(", ", parts);
    }

    /** {@code autovacuum_vacuum_scale_factor=0.01, fillfactor=70}, or none. */
    static String storageParameters(TableSettings settings) {
        List<String> all = new ArrayList<>(settings.storageParameters());
        settings.columnStatistics().forEach(column -> all.add("statistics " + column));
        return all.isEmpty() ? NONE : String.join(", ", all);
    }

    /** {@code pk_users: 'the key', ...} for each commented constraint, or none. */
    static String constraintComments(TableSettings settings) {
        List<String> all = new ArrayList<>();
        settings.constraintComments().forEach((name, text) -> all.add(name + ": '" + text + "'"));
        return all.isEmpty() ? NONE : String.join(", ", all);
    }

    /** {@code off}, {@code enabled}, {@code enabled, forced} or {@code forced} (forced only matters once enabled). */
    static String rowSecurity(TableSettings settings) {
        List<String> parts = new ArrayList<>();
        if (settings.rowSecurity()) {
            parts.add("enabled");
        }
        if (settings.forceRowSecurity()) {
            parts.add("forced");
        }
        return parts.isEmpty() ? "off" : String.join(", ", parts);
    }

    /** {@code permissive for SELECT to app using (owner = CURRENT_USER)}. */
    static String policy(Policy policy) {
        StringBuilder text = new StringBuilder(policy.permissive() ? "permissive" : "restrictive")
                .append(" for ")
                .append(policy.command())
                .append(" to ")
                .append(String.join(", ", policy.roles()));
        if (policy.using() != null) {
            text.append(" using (").append(policy.using()).append(')');
        }
        if (policy.withCheck() != null) {
            text.append(" with check (").append(policy.withCheck()).append(')');
        }
        return text.toString();
    }

    /** {@code SELECT on users to app}, {@code UPDATE (email) on users to app}. */
    static String grant(Grant grant, String objectName) {
        return grant.privilege() + (grant.column() == null ? "" : " (" + grant.column() + ")") + " on " + objectName
                + " to " + grant.grantee();
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
