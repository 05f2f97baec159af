package dev.strata.fleet;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.strata.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A fleet file as written: its {@code [[target]]} tables, each checked for shape and placed at the
 * line it was written on, so every later message can say {@code fleet.toml:LINE}. Nothing is
 * resolved here; {@link FleetTargets} turns the entries into databases.
 *
 * <pre>{@code
 * [[target]]
 * url = "sqlite:tenants/acme.db"   # ${env.VAR} is read from the environment
 *
 * [[target]]
 * env = "staging"                 # an environment of strata.toml
 *
 * [[target]]
 * sqlite = "tenants/*.db"         # every SQLite file the glob matches
 *
 * [[target]]
 * url = "postgres://app@localhost/saas"
 * schema = "tenant_*"             # every schema of that database the pattern matches
 * }</pre>
 *
 * @param shown   the file as named in messages
 * @param entries the {@code [[target]]} tables in file order
 */
record FleetFile(String shown, List<Entry> entries) {

    static final String TABLE = "target";
    static final String URL = "url";
    static final String ENV = "env";
    static final String SQLITE = "sqlite";
    static final String SCHEMA = "schema";
    private static final List<String> KEYS = List.of(URL, ENV, SQLITE, SCHEMA);

    private static final TomlMapper MAPPER = new TomlMapper();
    private static final Pattern HEADER = Pattern.compile("\\s*\\[\\[\\s*\"?" + TABLE + "\"?\\s*]]\\s*(#.*)?");

    /** What one {@code [[target]]} names. */
    enum Kind {
        /** {@code url = "..."}: one database. */
        URL,
        /** {@code env = "NAME"}: the database of an environment of strata.toml. */
        ENVIRONMENT,
        /** {@code sqlite = "GLOB"}: every SQLite file the glob matches. */
        SQLITE_GLOB
    }

    /**
     * One {@code [[target]]} table.
     *
     * @param where        {@code FILE:LINE} of its url, env or sqlite key
     * @param value        that key's value
     * @param schema       {@code schema = "PATTERN"}: the PostgreSQL schemas the pattern matches, one target each
     * @param schemaWhere  {@code FILE:LINE} of the schema key
     */
    record Entry(String where, Kind kind, String key, String value, Optional<String> schema, String schemaWhere) {}

    FleetFile {
        entries = List.copyOf(entries);
    }

    /**
     * Reads and checks {@code file}.
     *
     * @param shown the file as named in messages (relative to the project folder when inside it)
     * @throws ConfigurationException naming {@code FILE:LINE} for anything malformed
     */
    static FleetFile read(Path file, String shown) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("--fleet " + shown + ": "
                    + (Files.exists(file) ? "is not a plain file" : "no such file")
                    + "; name a TOML file with one [[target]] table per database or set of databases");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigurationException(shown + ": cannot read it ("
                    + e.getClass().getSimpleName() + "); check that it is a readable UTF-8 text file");
        }
        return parse(text, shown);
    }

    static FleetFile parse(String text, String shown) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            // The parser's own words and position only: its exception's text may quote a password.
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? shown : shown + ":" + at.getLineNr();
            throw new ConfigurationException(where + ": " + e.getOriginalMessage() + " (TOML syntax)");
        }
        List<String> lines = text.lines().toList();
        ObjectNode root = tree instanceof ObjectNode o ? o : MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> property : root.properties()) {
            if (!property.getKey().equals(TABLE)) {
                throw new ConfigurationException(shown + ":" + keyLine(lines, -1, property.getKey()) + ": unknown key '"
                        + property.getKey() + "'; a fleet file holds only [[" + TABLE + "]] tables");
            }
        }
        JsonNode targets = root.get(TABLE);
        if (targets == null || targets.isEmpty()) {
            throw new ConfigurationException(shown + ": lists no target; add one [[" + TABLE + "]] table per database,"
                    + " e.g. [[" + TABLE + "]] with url = \"sqlite:tenants/acme.db\" or sqlite = \"tenants/*.db\"");
        }
        if (!targets.isArray()) {
            throw new ConfigurationException(shown + ":" + keyLine(lines, -1, TABLE) + ": '" + TABLE
                    + "' must be written as [[" + TABLE + "]] tables, one per database or set of databases");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            entries.add(entry(targets.get(i), i, lines, shown));
        }
        return new FleetFile(shown, entries);
    }

    private static Entry entry(JsonNode node, int index, List<String> lines, String shown) {
        String table = shown + ":" + headerLine(lines, index);
        if (!(node instanceof ObjectNode target)) {
            throw new ConfigurationException(table + ": each " + TABLE + " must be a table with url, env or sqlite");
        }
        List<String> named = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : target.properties()) {
            String key = property.getKey();
            String where = shown + ":" + keyLine(lines, index, key);
            if (!KEYS.contains(key)) {
                throw new ConfigurationException(where + ": unknown key '" + key + "' in [[" + TABLE
                        + "]]; known keys: " + String.join(", ", KEYS));
            }
            if (!property.getValue().isTextual()) {
                throw new ConfigurationException(
                        where + ": " + key + " must be a string in quotes, e.g. " + key + " = \"...\"");
            }
            if (property.getValue().textValue().isBlank()) {
                throw new ConfigurationException(where + ": " + key + " is empty");
            }
            if (!key.equals(SCHEMA)) {
                named.add(key);
            }
        }
        if (named.size() != 1) {
            throw new ConfigurationException(table + ": a [[" + TABLE + "]] names its databases with exactly one of"
                    + " url, env or sqlite; " + (named.isEmpty() ? "this one has none" : "this one has " + named));
        }
        String key = named.get(0);
        Kind kind = switch (key) {
            case URL -> Kind.URL;
            case ENV -> Kind.ENVIRONMENT;
            default -> Kind.SQLITE_GLOB;
        };
        Optional<String> schema = Optional.ofNullable(target.get(SCHEMA)).map(JsonNode::textValue);
        String schemaWhere = shown + ":" + keyLine(lines, index, SCHEMA);
        if (schema.isPresent() && kind == Kind.SQLITE_GLOB) {
            throw new ConfigurationException(schemaWhere + ": schema names PostgreSQL schemas, but this target is a"
                    + " glob of SQLite files; give schema with a postgres:// url or an env instead");
        }
        return new Entry(
                shown + ":" + keyLine(lines, index, key),
                kind,
                key,
                target.get(key).textValue(),
                schema,
                schemaWhere);
    }

    /** The line of the {@code index}-th {@code [[target]]} header, 1-based; 1 when it can't be found. */
    private static int headerLine(List<String> lines, int index) {
        int seen = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (HEADER.matcher(lines.get(i)).matches() && ++seen == index) {
                return i + 1;
            }
        }
        return 1;
    }

    /**
     * The line where {@code key} is set in the {@code index}-th {@code [[target]]} (at the top level
     * when {@code index} is -1): the file is scanned rather than the parser asked, as the TOML tree
     * keeps no positions. Falls back to the table's header line.
     */
    private static int keyLine(List<String> lines, int index, String key) {
        Pattern assignment = Pattern.compile("\\s*\"?" + Pattern.quote(key) + "\"?\\s*=.*");
        Pattern table = Pattern.compile("\\s*\\[+\\s*\"?" + Pattern.quote(key) + "\"?\\s*]+.*");
        for (int i = index < 0 ? 0 : headerLine(lines, index); i < lines.size(); i++) {
            String line = lines.get(i);
            if (index < 0 && table.matcher(line).matches()) {
                return i + 1;
            }
            if (line.strip().startsWith("[")) {
                if (index >= 0) {
                    break; // the next table begins
                }
                continue;
            }
            if (assignment.matcher(line).matches()) {
                return i + 1;
            }
        }
        return index < 0 ? 1 : headerLine(lines, index);
    }
}
