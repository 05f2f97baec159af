package dev.strata.report;

import java.util.List;
import java.util.Objects;

/**
 * The migration history document, as data: what {@code strata docs} renders as Markdown and as HTML.
 * Every list is in a fixed order, so the same migrations always give the same document.
 *
 * @param engine     {@code sqlite} or {@code postgres}
 * @param folder     the migrations folder as shown to people
 * @param database   for {@code strata docs --from-database}: the database read, as shown to people;
 *                   empty for the document computed from the migration files
 * @param migrations one entry per migration file, in version order
 * @param totals     counts over the final schema
 * @param breaking   the changes that can break code or lose data, in migration order
 * @param diagram    the final schema as a Mermaid {@code erDiagram}, for the Markdown
 * @param drawing    the final schema as an SVG element, laid out, for the HTML page
 * @param tables     for a database's document: each table with its columns; empty otherwise
 */
public record HistoryDocument(
        String engine,
        String folder,
        String database,
        List<Entry> migrations,
        Totals totals,
        List<Breaking> breaking,
        String diagram,
        String drawing,
        List<Item> tables) {

    public HistoryDocument {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(database, "database");
        migrations = List.copyOf(migrations);
        Objects.requireNonNull(totals, "totals");
        breaking = List.copyOf(breaking);
        Objects.requireNonNull(diagram, "diagram");
        Objects.requireNonNull(drawing, "drawing");
        tables = List.copyOf(tables);
    }

    /** True for the document of {@code strata docs --from-database}, drawn from a live database's catalog. */
    public boolean fromDatabase() {
        return !database.isEmpty();
    }

    /**
     * A name or SQL fragment set in code type, followed by plain words: {@code `threads` (7 columns)}.
     *
     * @param code    shown as code; may be empty
     * @param text    plain words after it; may be empty
     * @param details nested items (a created table's columns); may be empty
     */
    public record Item(String code, String text, List<Item> details) {
        public Item {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(text, "text");
            details = List.copyOf(details);
        }

        public Item(String code, String text) {
            this(code, text, List.of());
        }
    }

    /** One titled list of a migration's entry ("Tables created", "Indexes added", ...). */
    public record Section(String title, List<Item> items) {
        public Section {
            Objects.requireNonNull(title, "title");
            items = List.copyOf(items);
        }
    }

    /**
     * One migration.
     *
     * @param label    {@code 0001_add_performance_indexes}
     * @param file     the up script as shown to people
     * @param purpose  the first paragraph of the file's leading comment; empty when it has none
     * @param sections the non-empty lists of what it did, in a fixed order
     */
    public record Entry(String label, String file, String purpose, List<Section> sections) {
        public Entry {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(purpose, "purpose");
            sections = List.copyOf(sections);
        }
    }

    /** Counts over the final schema, and the newest migration. */
    public record Totals(int migrations, int tables, int indexes, int foreignKeys, int views, String current) {}

    /** A change that can break code or lose data: a drop, a rename, a type change, NOT NULL added. */
    public record Breaking(String migration, String kind, String change) {}
}
