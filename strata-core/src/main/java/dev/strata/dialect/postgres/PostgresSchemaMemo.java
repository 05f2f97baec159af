package dev.strata.dialect.postgres;

import dev.strata.schema.Extension;
import dev.strata.schema.Grant;
import dev.strata.schema.Index;
import dev.strata.schema.NotCompared;
import dev.strata.schema.Policy;
import dev.strata.schema.Routine;
import dev.strata.schema.Schema;
import dev.strata.schema.Sequence;
import dev.strata.schema.Table;
import dev.strata.schema.Trigger;
import dev.strata.schema.UserType;
import dev.strata.schema.View;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a session's previous schema read found, so that the next read asks the catalog only about
 * what changed since: the shadow database reads its schema after every migration, and a full read
 * of a few hundred tables costs tens of milliseconds each time.
 *
 * <p>{@link CatalogMarks} tells which objects' catalog rows changed and which objects depend on
 * them. Then the tables, views, indexes, triggers, policies, grants and not-compared entries of
 * the changed relations are read again, with a filter on their oids, and those of every other
 * relation are kept; the sequences, types, routines, schemas and dependencies are read again as a
 * whole when anything of their kind changed. A change the marks do not attribute to an object
 * (see {@link CatalogMarks}), a schema renamed or dropped, or a read inside a caller's transaction
 * makes a full read. The result equals what a full read gives (PostgresSchemaMemoTest compares the
 * two after each of a list of changes).
 *
 * <p>Not thread-safe, like the session that owns it.
 */
final class PostgresSchemaMemo {

    /** A part of the model under the oid of the relation it belongs to. */
    record Keyed<T>(long owner, T value) {}

    /** The parts of the model that belong to relations. */
    record Relations(
            List<Keyed<Table>> tables,
            List<Keyed<View>> views,
            List<Keyed<Index>> indexes,
            List<Keyed<Trigger>> triggers,
            List<Keyed<Policy>> policies,
            List<Keyed<Grant>> grants,
            List<Keyed<NotCompared>> notCompared) {

        /** These parts, those of {@code dirty} relations replaced by {@code fresh}. */
        Relations replacing(Set<Long> dirty, Relations fresh) {
            return new Relations(
                    merge(tables, dirty, fresh.tables),
                    merge(views, dirty, fresh.views),
                    merge(indexes, dirty, fresh.indexes),
                    merge(triggers, dirty, fresh.triggers),
                    merge(policies, dirty, fresh.policies),
                    merge(grants, dirty, fresh.grants),
                    merge(notCompared, dirty, fresh.notCompared));
        }

        private static <T> List<Keyed<T>> merge(List<Keyed<T>> old, Set<Long> dirty, List<Keyed<T>> fresh) {
            return Stream.concat(old.stream().filter(keyed -> !dirty.contains(keyed.owner())), fresh.stream())
                    .toList();
        }
    }

    /** The parts of the model read as a whole. */
    private record Sections(
            List<String> schemas,
            List<Extension> extensions,
            List<Sequence> sequences,
            List<UserType> types,
            List<Routine> routines,
            List<NotCompared> otherNotCompared,
            List<PostgresDependencyReader.Keyed> dependencies) {}

    private Map<String, String> marks;
    private Relations relations;
    private Sections sections;
    private Schema schema;
    private int fullReads;

    /**
     * Reads the schema in the reader's transaction, again only what changed since the previous read.
     * The first read of a session takes no marks: most sessions read their schema once (drift, check
     * and dump, and the shadow they replay), and on a new connection the marks query costs about a
     * third of a whole read, most of it planning on cold catalog caches. The second read takes them
     * and reads everything; from the third on, only what changed is read again. A read that fails
     * forgets everything: it may have stopped half-way, with new marks but old sections, and the next
     * read (another session's drop can fail one, see {@link CatalogChangedException}) starts afresh.
     */
    Schema read(PostgresSchemaReader reader, Connection connection) throws SQLException {
        try {
            return readSinceLast(reader, connection);
        } catch (SQLException | RuntimeException e) {
            clear();
            throw e;
        }
    }

    private Schema readSinceLast(PostgresSchemaReader reader, Connection connection) throws SQLException {
        if (schema == null) {
            return readEverything(reader, connection);
        }
        Map<String, String> now = CatalogMarks.read(connection);
        Map<String, String> before = marks;
        marks = now;
        if (before == null) {
            return readEverything(reader, connection);
        }
        Set<String> changed = CatalogMarks.changed(before, now);
        if (changed.isEmpty()) {
            return schema;
        }
        boolean unattributed = changed.stream()
                .anyMatch(key -> key.startsWith("o") || (key.startsWith("n") && before.containsKey(key)));
        if (unattributed) {
            return readEverything(reader, connection);
        }
        Map<String, String> dirty = CatalogMarks.withDependents(connection, changed);
        Set<Long> dirtyRelations = new HashSet<>();
        dirty.keySet().stream()
                .filter(key -> key.startsWith("r"))
                .forEach(key -> dirtyRelations.add(Long.parseLong(key.substring(1))));
        // A dropped relation's kind is not known any more: it may have been a sequence or a composite type.
        boolean dropped = changed.stream().anyMatch(key -> key.startsWith("r") && !now.containsKey(key));
        boolean types =
                dropped || dirty.containsValue("c") || dirty.keySet().stream().anyMatch(key -> key.startsWith("t"));
        boolean routines = dirty.keySet().stream().anyMatch(key -> key.startsWith("p"));
        Sections old = sections;
        sections = new Sections(
                changed.stream().anyMatch(key -> key.startsWith("n")) ? reader.readSchemas() : old.schemas(),
                old.extensions(),
                dropped || dirty.containsValue("S") ? reader.readSequences() : old.sequences(),
                types ? reader.typeReader().read() : old.types(),
                routines ? reader.readRoutines() : old.routines(),
                types || routines ? reader.uncomparedReader().others() : old.otherNotCompared(),
                Stream.concat(
                                old.dependencies().stream().filter(dependency -> !dirty.containsKey(dependency.key())),
                                new PostgresDependencyReader(connection)
                                        .read(dirty.keySet().toArray(String[]::new)).stream())
                        .toList());
        relations = dirtyRelations.isEmpty()
                ? relations
                : relations.replacing(dirtyRelations, reader.readRelations(dirtyRelations));
        schema = build(reader);
        return schema;
    }

    /** A full read that leaves nothing behind for the next one. */
    Schema forget(PostgresSchemaReader reader, Connection connection) throws SQLException {
        clear();
        return new PostgresSchemaMemo().readEverything(reader, connection);
    }

    /** Forgets every earlier read, so that the next one reads everything. */
    private void clear() {
        marks = null;
        relations = null;
        sections = null;
        schema = null;
    }

    private Schema readEverything(PostgresSchemaReader reader, Connection connection) throws SQLException {
        fullReads++;
        relations = reader.readRelations(null);
        PostgresUncomparedReader uncompared = reader.uncomparedReader();
        sections = new Sections(
                reader.readSchemas(),
                reader.readExtensions(),
                reader.readSequences(),
                reader.typeReader().read(),
                reader.readRoutines(),
                uncompared.others(),
                new PostgresDependencyReader(connection).read(null));
        schema = build(reader);
        return schema;
    }

    /** How many reads read everything; the tests check that the others were taken. */
    int fullReads() {
        return fullReads;
    }

    private Schema build(PostgresSchemaReader reader) {
        List<NotCompared> notCompared = new ArrayList<>(sections.otherNotCompared());
        notCompared.addAll(values(relations.notCompared()));
        Schema built = new Schema(
                "postgres",
                reader.defaultSchema(),
                sections.schemas(),
                values(relations.tables()),
                values(relations.views()),
                values(relations.indexes()),
                values(relations.triggers()),
                sections.sequences(),
                sections.types(),
                sections.routines(),
                sections.extensions(),
                List.of(),
                values(relations.policies()),
                values(relations.grants()),
                List.of(),
                notCompared);
        return PostgresSchemaReader.withDependencies(
                built,
                sections.dependencies().stream()
                        .map(PostgresDependencyReader.Keyed::dependency)
                        .toList());
    }

    private static <T> List<T> values(List<Keyed<T>> keyed) {
        return keyed.stream().map(Keyed::value).toList();
    }
}
