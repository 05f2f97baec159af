package dev.strata.advise;

import dev.strata.config.ConfigurationException;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.ExecutableScript;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.SchemaWriter;
import dev.strata.dialect.ThrowawayDatabase;
import dev.strata.dialect.WaitListener;
import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.sql.Statement;
import dev.strata.sql.StatementKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code strata bench-insert}: measures what a table's indexes cost its INSERTs, on a copy of the
 * table's schema in a throwaway database (never the live data): the same generated rows inserted
 * with every index, and without the named ones, in alternated runs.
 */
public final class InsertBench {

    /** Runs of each variant; the median of each is reported. */
    public static final int RUNS = 3;

    private static final int WARM_UP_ROWS = 1000;

    private final StrataConfig config;
    private final Dialect dialect;
    private final WaitListener waits;

    public InsertBench(StrataConfig config, WaitListener waits) {
        this.config = config;
        this.dialect = Dialects.forUrl(config.url());
        this.waits = waits;
    }

    /**
     * @throws ConfigurationException when the table or an index is unknown, or {@code rows} is below 1
     */
    public InsertBenchReport run(String tableName, int rows, List<String> withoutIndexes) {
        if (rows < 1) {
            throw new ConfigurationException("--rows " + rows + ": give how many rows each run inserts, 1 or more.");
        }
        String description;
        Schema live;
        try (Database database = dialect.open(
                config.url(),
                new HistorySettings(config.historyTable(), config.schema()),
                Dialect.Access.READ,
                waits)) {
            description = database.description();
            live = database.schema();
        }
        Table table = live.table(tableName)
                .orElseThrow(() -> new ConfigurationException("bench-insert: " + description + " has no table "
                        + tableName + "; its tables: " + names(live)));
        List<Index> indexes =
                live.indexesOn(table.name()).stream().filter(Index::valid).toList();
        List<Index> left = new ArrayList<>(indexes);
        for (String name : withoutIndexes) {
            Optional<Index> index = indexes.stream()
                    .filter(i -> i.name().name().equals(name)
                            || live.display(i.name()).equals(name))
                    .findFirst();
            if (index.isEmpty()) {
                throw new ConfigurationException("--without-index " + name + ": no such index on "
                        + live.display(table.name()) + "; its indexes: "
                        + (indexes.isEmpty()
                                ? "none"
                                : String.join(
                                        ", ",
                                        indexes.stream()
                                                .map(i -> live.display(i.name()))
                                                .toList())));
            }
            left.remove(index.get());
        }
        List<String> notes = new ArrayList<>();
        if (!table.foreignKeys().isEmpty()) {
            notes.add("its foreign keys are left out of the copy: the generated rows reference nothing");
        }
        if (!live.triggersOn(table.name()).isEmpty()) {
            notes.add("its triggers are left out of the copy");
        }
        try (ThrowawayDatabase throwaway = dialect.createThrowaway(config.url());
                Database copy = dialect.open(
                        throwaway.url(),
                        new HistorySettings(config.historyTable(), config.schema()),
                        Dialect.Access.WRITE,
                        waits)) {
            Copy target =
                    new Copy(copy, dialect.schemaWriter(), table, copy.schema().defaultSchema());
            target.create(indexes);
            copy.insertSampleRows(target.table(), 1, Math.min(rows, WARM_UP_ROWS));
            double[] with = new double[RUNS];
            double[] without = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                boolean withFirst = run % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    boolean all = (turn == 0) == withFirst;
                    target.create(all ? indexes : left);
                    (all ? with : without)[run] = target.rowsPerSecond(rows);
                }
            }
            target.drop();
            return new InsertBenchReport(
                    description,
                    copy.description(),
                    live.display(table.name()),
                    rows,
                    RUNS,
                    indexes.stream().map(i -> live.display(i.name())).toList(),
                    indexes.stream()
                            .filter(i -> !left.contains(i))
                            .map(i -> live.display(i.name()))
                            .toList(),
                    median(with),
                    median(without),
                    notes);
        }
    }

    /** The copy of the table in the throwaway database: its columns and constraints, none of its references. */
    private static final class Copy {

        private final Database database;
        private final SchemaWriter writer;
        private final Table table;

        Copy(Database database, SchemaWriter writer, Table original, String schema) {
            this.database = database;
            this.writer = writer;
            this.table = new Table(
                    new QualifiedName(schema, original.name().name()),
                    original.columns(),
                    original.primaryKey(),
                    List.of(),
                    original.checks(),
                    original.uniques(),
                    original.strict(),
                    original.withoutRowid(),
                    null,
                    null);
        }

        Table table() {
            return table;
        }

        /** The table, empty, with {@code indexes} (renamed into the copy's schema). */
        void create(List<Index> indexes) {
            drop();
            List<String> sql = new ArrayList<>();
            sql.add(writer.createTable(table));
            for (Index index : indexes) {
                sql.add(writer.createIndex(new Index(
                        new QualifiedName(table.name().schema(), index.name().name()),
                        table.name(),
                        index.unique(),
                        index.keys(),
                        index.where(),
                        index.method(),
                        true,
                        null,
                        index.include())));
            }
            run(sql);
        }

        void drop() {
            run(List.of("DROP TABLE IF EXISTS " + writer.quote(table.name().schema()) + "."
                    + writer.quote(table.name().name())));
        }

        double rowsPerSecond(int rows) {
            long started = System.nanoTime();
            database.insertSampleRows(table, 1, rows);
            return rows / ((System.nanoTime() - started) / 1e9);
        }

        private void run(List<String> statements) {
            List<Statement> parsed = statements.stream()
                    .map(sql -> new Statement(sql, 1, 1, StatementKind.ORDINARY))
                    .toList();
            database.runInOneTransaction(List.of(new ExecutableScript("bench-insert", parsed, true)));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String names(Schema schema) {
        List<String> names =
                schema.tables().stream().map(t -> schema.display(t.name())).toList();
        return names.isEmpty()
                ? "none"
                : String.join(", ", names.size() > 20 ? names.subList(0, 20) : names)
                        + (names.size() > 20 ? ", ..." : "");
    }
}
