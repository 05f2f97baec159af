package dev.strata.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.schema.SchemaChange.Change;
import dev.strata.schema.SchemaChange.ObjectKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schema values built by hand, compared; each change checked in the form people read. */
class SchemaDiffTest {

    private static QualifiedName name(String name) {
        return new QualifiedName("main", name);
    }

    private static Table table(String name, Column... columns) {
        return new Table(
                name(name),
                List.of(columns),
                new PrimaryKey(List.of(columns[0].name())),
                List.of(),
                List.of(),
                List.of(),
                false,
                false,
                null);
    }

    private static Table withForeignKeys(Table table, ForeignKey... keys) {
        return new Table(
                table.name(),
                table.columns(),
                table.primaryKey(),
                List.of(keys),
                table.checks(),
                table.uniques(),
                table.strict(),
                table.withoutRowid(),
                table.comment());
    }

    private static Column text(String name) {
        return Column.of(name, "TEXT", false, null);
    }

    private static Index index(String name, String table, String... columns) {
        return new Index(
                name(name),
                name(table),
                false,
                List.of(columns).stream().map(IndexKey::column).toList(),
                null,
                null,
                true,
                null);
    }

    private static ForeignKey fk(String column, String target, ReferentialAction onDelete) {
        return new ForeignKey(
                null,
                List.of(column),
                name(target),
                List.of("id"),
                onDelete,
                ReferentialAction.NO_ACTION,
                false,
                false,
                true);
    }

    private static Schema schema(List<Table> tables, List<Index> indexes) {
        return new Schema(
                "sqlite", "main", List.of(), tables, List.of(), indexes, List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    private static List<String> described(Schema before, Schema after) {
        return SchemaDiff.between(before, after).stream()
                .map(SchemaChange::describe)
                .toList();
    }

    @Test
    void equalSchemasHaveNoChanges() {
        Schema schema = schema(List.of(table("a", text("id"))), List.of(index("ix_a", "a", "id")));
        Schema sameInOtherOrder = schema(List.of(table("a", text("id"))), List.of(index("ix_a", "a", "id")));

        assertThat(SchemaDiff.between(schema, sameInOtherOrder)).isEmpty();
    }

    @Test
    void aNewTableIsShownWithItsColumnCount() {
        Table threads = table(
                "threads",
                text("id"),
                text("user_id"),
                text("workspace_id"),
                text("title"),
                text("description"),
                text("status"),
                text("created_at"));

        List<SchemaChange> changes =
                SchemaDiff.between(schema(List.of(), List.of()), schema(List.of(threads), List.of()));

        assertThat(changes)
                .containsExactly(
                        new SchemaChange(Change.ADDED, ObjectKind.TABLE, null, "threads", null, null, "7 columns"));
        assertThat(changes.get(0).describe()).isEqualTo("+ table threads (7 columns)");
        assertThat(changes.get(0)).hasToString("+ table threads (7 columns)");
    }

    @Test
    void aTableRebuiltUnderItsOldNameShowsAsTheColumnChangeItMade() {
        Table before = table("zetachain_cctx_log", text("cctx_hash"), text("amount"), text("status"));
        Table after = table(
                "zetachain_cctx_log", text("cctx_hash"), Column.of("amount", "REAL", false, null), text("status"));
        Index status = index("idx_cctx_status", "zetachain_cctx_log", "status");

        List<SchemaChange> changes =
                SchemaDiff.between(schema(List.of(before), List.of(status)), schema(List.of(after), List.of(status)));

        assertThat(changes)
                .containsExactly(new SchemaChange(
                        Change.ALTERED,
                        ObjectKind.COLUMN,
                        "zetachain_cctx_log",
                        "amount",
                        SchemaChange.ASPECT_TYPE,
                        "TEXT",
                        "REAL"));
        assertThat(changes.get(0).describe()).isEqualTo("~ zetachain_cctx_log.amount type TEXT -> REAL");
    }

    @Test
    void aDroppedIndexIsNamed() {
        Table market = table("market_data", text("id"), text("price"));

        assertThat(described(
                        schema(List.of(market), List.of(index("ix_market_data_price", "market_data", "price"))),
                        schema(List.of(market), List.of())))
                .containsExactly("- index ix_market_data_price");
        assertThat(described(
                        schema(List.of(market), List.of()),
                        schema(List.of(market), List.of(index("ix_market_data_price", "market_data", "price")))))
                .containsExactly("+ index ix_market_data_price (on market_data(price))");
    }

    @Test
    void aForeignKeyActionChangeNamesTheKeyByItsColumns() {
        Table users = table("users", text("id"));
        Table events = table("events", text("id"), text("user_id"));

        List<SchemaChange> changes = SchemaDiff.between(
                schema(
                        List.of(users, withForeignKeys(events, fk("user_id", "users", ReferentialAction.CASCADE))),
                        List.of()),
                schema(
                        List.of(users, withForeignKeys(events, fk("user_id", "users", ReferentialAction.RESTRICT))),
                        List.of()));

        assertThat(changes)
                .extracting(SchemaChange::describe)
                .containsExactly("~ fk events.user_id on delete CASCADE -> RESTRICT");
        assertThat(changes.get(0).aspect()).isEqualTo(SchemaChange.ASPECT_ON_DELETE);
    }

    @Test
    void columnsAddedRemovedAndAlteredAreListedInColumnOrder() {
        Table before = table("users", text("id"), text("email"), text("legacy"));
        Table after = table(
                "users",
                text("id"),
                Column.of("email", "TEXT", true, "''"),
                Column.of("created_at", "DATETIME", false, "CURRENT_TIMESTAMP"));

        assertThat(described(schema(List.of(before), List.of()), schema(List.of(after), List.of())))
                .containsExactly(
                        "~ users.email not null no -> yes",
                        "~ users.email default none -> ''",
                        "+ users.created_at (DATETIME DEFAULT CURRENT_TIMESTAMP)",
                        "- users.legacy");
    }

    @Test
    void aColumnWithTheSameDefinitionAtTheSamePlaceIsARename() {
        Table before = table("users", text("id"), text("mail"), Column.of("age", "INTEGER", false, null));
        Table after = table("users", text("id"), text("email"), Column.of("age", "INTEGER", false, null));

        assertThat(described(schema(List.of(before), List.of()), schema(List.of(after), List.of())))
                .containsExactly("~ users.email name mail -> email");
    }

    @Test
    void aRenamedColumnKeepsItsUniqueConstraintAndIndex() {
        Table before = new Table(
                name("users"),
                List.of(text("id"), text("mail")),
                new PrimaryKey(List.of("id")),
                List.of(),
                List.of(),
                List.of(new UniqueConstraint(null, List.of("mail"))),
                false,
                false,
                null);
        Table after = new Table(
                name("users"),
                List.of(text("id"), text("email")),
                new PrimaryKey(List.of("id")),
                List.of(),
                List.of(),
                List.of(new UniqueConstraint(null, List.of("email"))),
                false,
                false,
                null);

        assertThat(described(
                        schema(List.of(before), List.of(index("ix_mail", "users", "mail"))),
                        schema(List.of(after), List.of(index("ix_mail", "users", "email")))))
                .containsExactly("~ users.email name mail -> email");
    }

    @Test
    void aColumnDroppedAndAnotherAppendedIsNoRename() {
        Table before = table("users", text("id"), text("mail"), Column.of("age", "INTEGER", false, null));
        Table after = table("users", text("id"), Column.of("age", "INTEGER", false, null), text("email"));

        assertThat(described(schema(List.of(before), List.of()), schema(List.of(after), List.of())))
                .containsExactly("+ users.email (TEXT)", "- users.mail");
    }

    @Test
    void aTableWithIdenticalColumnsUnderANewNameIsARenameAndItsIndexFollows() {
        Table before = table("accounts", text("id"), text("email"));
        Table after = table("users", text("id"), text("email"));

        assertThat(described(
                        schema(List.of(before), List.of(index("ix_email", "accounts", "email"))),
                        schema(List.of(after), List.of(index("ix_email", "users", "email")))))
                .containsExactly("~ table users name accounts -> users");
    }

    @Test
    void twoCandidatesForARenameAreReportedAsDropsAndCreates() {
        Table gone = table("old", text("id"));
        List<String> changes = described(
                schema(List.of(gone), List.of()),
                schema(List.of(table("a", text("id")), table("b", text("id"))), List.of()));

        assertThat(changes).containsExactly("+ table a (1 column)", "+ table b (1 column)", "- table old");
    }

    @Test
    void constraintsAndOptionsOfATableAreCompared() {
        Table before = new Table(
                name("t"),
                List.of(text("id"), text("status"), text("code")),
                new PrimaryKey(List.of("id")),
                List.of(),
                List.of(new CheckConstraint(null, "status IN ('a', 'b')", true)),
                List.of(),
                false,
                false,
                null);
        Table after = new Table(
                name("t"),
                List.of(text("id"), text("status"), text("code")),
                new PrimaryKey(null, List.of("id", "code"), false),
                List.of(),
                List.of(new CheckConstraint(null, "status IN ('a', 'b', 'c')", true)),
                List.of(new UniqueConstraint(null, List.of("code"))),
                true,
                true,
                null);

        assertThat(described(schema(List.of(before), List.of()), schema(List.of(after), List.of())))
                .containsExactly(
                        "~ primary key t columns (id) -> (id, code)",
                        "- check t.status IN ('a', 'b')",
                        "+ check t.status IN ('a', 'b', 'c')",
                        "+ unique t.code",
                        "+ option t.STRICT",
                        "+ option t.WITHOUT ROWID");
    }

    @Test
    void columnOrderMatters() {
        Table before = table("t", text("id"), text("a"), text("b"));
        Table after = table("t", text("id"), text("b"), text("a"));

        assertThat(described(schema(List.of(before), List.of()), schema(List.of(after), List.of())))
                .containsExactly("~ table t column order id, a, b -> id, b, a");
    }

    @Test
    void postgresObjectKindsAreCompared() {
        QualifiedName users = new QualifiedName("public", "users");
        Table table = new Table(
                users,
                List.of(Column.of("id", "bigint", true, null)),
                new PrimaryKey(List.of("id")),
                List.of(),
                List.of(),
                List.of(),
                false,
                false,
                null);
        Table commented = new Table(
                users, table.columns(), table.primaryKey(), List.of(), List.of(), List.of(), false, false, "people");
        Schema before = new Schema(
                "postgres",
                "public",
                List.of("ops"),
                List.of(table),
                List.of(new View(new QualifiedName("public", "active"), "SELECT 1", false, null)),
                List.of(new Index(
                        new QualifiedName("public", "ix"),
                        users,
                        false,
                        List.of(IndexKey.column("id")),
                        null,
                        "btree",
                        true,
                        null)),
                List.of(new Trigger(new QualifiedName("public", "trg"), users, "CREATE TRIGGER trg ...")),
                List.of(new Sequence(
                        new QualifiedName("public", "seq"), "bigint", 1, 1, 1, Long.MAX_VALUE, false, null)),
                List.of(new UserType(
                        new QualifiedName("public", "mood"), UserType.Kind.ENUM, List.of("sad", "ok"), "", null)),
                List.of(new Routine(new QualifiedName("public", "touch"), "", "CREATE FUNCTION touch() ...", null)),
                List.of(new Extension("pgcrypto", "public", "1.3")));
        Schema after = new Schema(
                "postgres",
                "public",
                List.of("audit"),
                List.of(commented),
                List.of(new View(new QualifiedName("public", "active"), "SELECT 2", true, null)),
                List.of(new Index(
                        new QualifiedName("public", "ix"),
                        users,
                        false,
                        List.of(IndexKey.column("id")),
                        null,
                        "btree",
                        false,
                        null)),
                List.of(),
                List.of(new Sequence(
                        new QualifiedName("public", "seq"), "bigint", 1, 10, 1, Long.MAX_VALUE, false, null)),
                List.of(new UserType(
                        new QualifiedName("public", "mood"),
                        UserType.Kind.ENUM,
                        List.of("sad", "ok", "happy"),
                        "",
                        null)),
                List.of(
                        new Routine(new QualifiedName("public", "touch"), "", "CREATE FUNCTION touch() ...", null),
                        new Routine(new QualifiedName("public", "touch"), "integer", "CREATE FUNCTION touch(i)", null)),
                List.of(new Extension("pgcrypto", "public", "1.4")));

        assertThat(described(before, after))
                .containsExactly(
                        "+ schema audit",
                        "- schema ops",
                        "~ extension pgcrypto version 1.3 -> 1.4",
                        "~ type mood definition enum ('sad', 'ok') -> enum ('sad', 'ok', 'happy')",
                        "~ sequence seq definition bigint start 1 increment 1 min 1 max 9223372036854775807 -> bigint start 1"
                                + " increment 10 min 1 max 9223372036854775807",
                        "~ table users comment none -> people",
                        "~ index ix valid yes -> no",
                        "~ view active materialized no -> yes",
                        "~ view active definition SELECT 1 -> SELECT 2",
                        "- trigger trg",
                        "+ function touch(integer)");
    }

    @Test
    void indexKeysOperatorClassesAndIncludedColumnsArePartOfTheDefinition() {
        Table table = table("events", text("id"), text("name"), text("note"));
        Index plain = index("ix_events_name", "events", "name");
        Index covering = new Index(
                name("ix_events_name"),
                name("events"),
                false,
                List.of(new IndexKey("name", null, false, null, "text_pattern_ops", null)),
                null,
                null,
                true,
                null,
                List.of("note"));

        assertThat(described(schema(List.of(table), List.of(plain)), schema(List.of(table), List.of(covering))))
                .containsExactly("~ index ix_events_name definition on events(name) -> on"
                        + " events(name text_pattern_ops) include (note)");
    }

    @Test
    void longDefinitionsAreSummarisedAsChanged() {
        SchemaChange change = new SchemaChange(
                Change.ALTERED,
                ObjectKind.ROUTINE,
                null,
                "f()",
                SchemaChange.ASPECT_DEFINITION,
                "CREATE FUNCTION f()\nBEGIN 1 END",
                "CREATE FUNCTION f()\nBEGIN 2 END");

        assertThat(change.describe()).isEqualTo("~ function f() definition changed");
    }

    @Test
    void theOrderDoesNotDependOnTheOrderObjectsWereGiven() {
        List<Table> tables =
                new ArrayList<>(List.of(table("b", text("id")), table("a", text("id")), table("c", text("id"))));
        Schema forward = schema(tables, List.of(index("i2", "a", "id"), index("i1", "b", "id")));
        java.util.Collections.reverse(tables);
        Schema backward = schema(tables, List.of(index("i1", "b", "id"), index("i2", "a", "id")));
        Schema empty = schema(List.of(), List.of());

        assertThat(SchemaDiff.between(empty, forward)).isEqualTo(SchemaDiff.between(empty, backward));
        assertThat(described(empty, forward))
                .containsExactly(
                        "+ table a (1 column)",
                        "+ table b (1 column)",
                        "+ table c (1 column)",
                        "+ index i1 (on b(id))",
                        "+ index i2 (on a(id))");
    }

    @Test
    void foreignKeysAddedAndRemovedShowTheirTargetAndAction() {
        Table users = table("users", text("id"));
        Table plain = table("events", text("id"), text("user_id"), text("owner_id"));

        assertThat(described(
                        schema(
                                List.of(
                                        users,
                                        withForeignKeys(plain, fk("owner_id", "users", ReferentialAction.NO_ACTION))),
                                List.of()),
                        schema(
                                List.of(
                                        users,
                                        withForeignKeys(plain, fk("user_id", "users", ReferentialAction.SET_NULL))),
                                List.of())))
                .containsExactly("- fk events.owner_id", "+ fk events.user_id (-> users(id) on delete SET NULL)");
    }
}
