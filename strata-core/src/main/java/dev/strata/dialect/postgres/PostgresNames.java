package dev.strata.dialect.postgres;

import dev.strata.schema.QualifiedName;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PostgreSQL identifiers and literals as SQL text: quoted only when the name would not survive
 * unquoted, the way {@code quote_ident} decides.
 *
 * <p>Stateless; safe to share between threads.
 */
final class PostgresNames {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

    /**
     * Every keyword that is not UNRESERVED in PostgreSQL 17 ({@code pg_get_keywords()} with catcode
     * other than {@code U}): used unquoted as a name, these would parse as the keyword.
     */
    private static final Set<String> KEYWORDS =
            Set.of(("all analyse analyze and any array as asc asymmetric authorization between bigint binary bit"
                            + " boolean both case cast char character check coalesce collate collation column concurrently"
                            + " constraint create cross current_catalog current_date current_role current_schema"
                            + " current_time current_timestamp current_user dec decimal default deferrable desc distinct do"
                            + " else end except exists extract false fetch float for foreign freeze from full grant greatest"
                            + " group grouping having ilike in initially inner inout int integer intersect interval into is"
                            + " isnull join json json_array json_arrayagg json_exists json_object json_objectagg json_query"
                            + " json_scalar json_serialize json_table json_value lateral leading least left like limit"
                            + " localtime localtimestamp merge_action national natural nchar none normalize not notnull null"
                            + " nullif numeric offset on only or order out outer overlaps overlay placing position precision"
                            + " primary real references returning right row select session_user setof similar smallint some"
                            + " substring symmetric system_user table tablesample then time timestamp to trailing treat trim"
                            + " true union unique user using values varchar variadic verbose when where window with"
                            + " xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot"
                            + " xmlserialize xmltable")
                    .split(" "));

    private PostgresNames() {}

    /** The identifier as is when PostgreSQL reads it back unchanged, else double-quoted. */
    static String quote(String identifier) {
        if (PLAIN.matcher(identifier).matches() && !KEYWORDS.contains(identifier)) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.name}, or just {@code name} when it lives in {@code defaultSchema} (null: always qualify). */
    static String qualified(QualifiedName name, String defaultSchema) {
        return name.schema().equals(defaultSchema)
                ? quote(name.name())
                : quote(name.schema()) + "." + quote(name.name());
    }

    /** A string constant; standard_conforming_strings is on by default since PostgreSQL 9.1. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
