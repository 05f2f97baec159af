package dev.strata.dialect.postgres;

import dev.strata.schema.Grant;
import dev.strata.schema.Policy;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.schema.TableSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statements of a dump for what a table carries besides its definition: storage parameters,
 * row-level security, policies and grants, for {@link PostgresSchemaWriter}. Stateless.
 */
final class PostgresSecurityWriter {

    private PostgresSecurityWriter() {}

    /**
     * ALTER TABLE ... SET (...), ALTER COLUMN ... SET STATISTICS, ENABLE and FORCE ROW LEVEL SECURITY,
     * table by table.
     */
    static List<String> tableSettings(Schema schema, String home) {
        List<String> statements = new ArrayList<>();
        for (Table table : schema.tables()) {
            TableSettings settings = table.settings();
            String alter = "ALTER TABLE " + PostgresNames.qualified(table.name(), home);
            if (!settings.storageParameters().isEmpty()) {
                statements.add(alter + " SET ("
                        + settings.storageParameters().stream()
                                .map(PostgresSecurityWriter::parameter)
                                .collect(Collectors.joining(", "))
                        + ")");
            }
            for (String column : settings.columnStatistics()) {
                int equals = column.lastIndexOf('=');
                statements.add(alter + " ALTER COLUMN " + PostgresNames.quote(column.substring(0, equals))
                        + " SET STATISTICS " + column.substring(equals + 1));
            }
            if (settings.rowSecurity()) {
                statements.add(alter + " ENABLE ROW LEVEL SECURITY");
            }
            if (settings.forceRowSecurity()) {
                statements.add(alter + " FORCE ROW LEVEL SECURITY");
            }
        }
        return statements;
    }

    /** {@code fillfactor=70} as {@code fillfactor = '70'}: a quoted value is read the same for every parameter. */
    private static String parameter(String option) {
        int equals = option.indexOf('=');
        return equals < 0
                ? option
                : option.substring(0, equals) + " = " + PostgresNames.literal(option.substring(equals + 1));
    }

    static String createPolicy(Policy policy, String home) {
        StringBuilder sql = new StringBuilder("CREATE POLICY ")
                .append(PostgresNames.quote(policy.name()))
                .append(" ON ")
                .append(PostgresNames.qualified(policy.table(), home));
        if (!policy.permissive()) {
            sql.append(" AS RESTRICTIVE");
        }
        if (!policy.command().equals("ALL")) {
            sql.append(" FOR ").append(policy.command());
        }
        sql.append(" TO ")
                .append(policy.roles().stream()
                        .map(PostgresSecurityWriter::role)
                        .collect(Collectors.joining(", ")));
        if (policy.using() != null) {
            sql.append(" USING (").append(policy.using()).append(')');
        }
        if (policy.withCheck() != null) {
            sql.append(" WITH CHECK (").append(policy.withCheck()).append(')');
        }
        return sql.toString();
    }

    static String grant(Grant grant, String home) {
        return "GRANT " + grant.privilege()
                + (grant.column() == null ? "" : " (" + PostgresNames.quote(grant.column()) + ")")
                + " ON " + PostgresNames.qualified(grant.object(), home) + " TO " + role(grant.grantee())
                + (grant.grantable() ? " WITH GRANT OPTION" : "");
    }

    /** A role as GRANT and CREATE POLICY read it: PUBLIC is a keyword there, every other name an identifier. */
    private static String role(String name) {
        return name.equalsIgnoreCase("public") ? "PUBLIC" : PostgresNames.quote(name);
    }
}
