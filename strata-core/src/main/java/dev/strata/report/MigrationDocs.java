package dev.strata.report;

import dev.strata.StrataException;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.WaitListener;
import dev.strata.engine.MigrationListener;
import dev.strata.history.AppliedMigration;
import dev.strata.schema.Schema;
import dev.strata.shadow.ShadowDatabase;
import dev.strata.shadow.ShadowStep;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The migration history document of {@code strata docs}: Markdown, and an HTML page beside it that
 * shows the same content and draws the diagram (or, with {@link #fromDatabase}, the same page for a
 * live database's schema). Computed by running every migration file on a
 * shadow database; the same files always give the same bytes, so a committed copy can be checked.
 *
 * @param document the content
 * @param markdown the Markdown file and its text
 * @param html     the HTML file (the Markdown file's name with {@code .html}) and its text
 */
public record MigrationDocs(HistoryDocument document, GeneratedFile markdown, GeneratedFile html) {

    /** Where the document goes unless told otherwise, relative to the project folder. */
    public static final Path DEFAULT_FILE = Path.of("docs", "migrations.md");
    /** The same for the document of a live database, so it never overwrites the one of the files. */
    public static final Path DATABASE_FILE = Path.of("docs", "database-schema.md");

    public MigrationDocs {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(html, "html");
    }

    /** {@link #generate(StrataConfig, Path, WaitListener)}, waiting for another run's shadow silently. */
    public static MigrationDocs generate(StrataConfig config, Path markdownFile) {
        return generate(config, markdownFile, WaitListener.SILENT);
    }

    /**
     * @param markdownFile where the Markdown goes, relative to the project folder unless absolute
     * @param waits        told when another strata run holds the configured shadow and this one waits
     * @throws dev.strata.shadow.ShadowException when a migration fails on the shadow, naming file:line
     */
    public static MigrationDocs generate(StrataConfig config, Path markdownFile, WaitListener waits) {
        List<Migration> files = MigrationDirectory.scan(config.projectDir(), config.migrationsDir());
        HistoryDocument document;
        try (ShadowDatabase shadow = ShadowDatabase.create(config, waits)) {
            List<ShadowStep> steps = shadow.applyAll(files);
            document = withLayout(() ->
                    HistoryBuilder.build(Dialects.forUrl(config.url()).name(), folder(config), steps, shadow.schema()));
        }
        return of(config, document, markdownFile);
    }

    /**
     * The same page drawn from the configured database's catalog (what is deployed), with the number
     * of migrations its history says were applied. Reads only; a database without strata's history
     * counts none.
     *
     * @param markdownFile where the Markdown goes, relative to the project folder unless absolute
     */
    public static MigrationDocs fromDatabase(StrataConfig config, Path markdownFile, MigrationListener listener) {
        Dialect dialect = Dialects.forUrl(config.url());
        HistoryDocument document;
        try (Database database = dialect.open(
                config.url(),
                new HistorySettings(config.historyTable(), config.schema(), config.historyMirror()),
                Dialect.Access.READ,
                listener)) {
            Schema schema = database.schema();
            List<AppliedMigration> applied = database.appliedMigrations();
            document = withLayout(() -> HistoryBuilder.live(dialect.name(), database.description(), applied, schema));
        }
        return of(config, document, markdownFile);
    }

    private static MigrationDocs of(StrataConfig config, HistoryDocument document, Path markdownFile) {
        Path markdown = config.projectDir().resolve(markdownFile).normalize();
        return new MigrationDocs(
                document,
                new GeneratedFile(markdown, MarkdownRenderer.render(document)),
                new GeneratedFile(htmlBeside(markdown), HtmlRenderer.render(document)));
    }

    /** Builds the document, saying what to add when the optional layout library is not on the classpath. */
    private static HistoryDocument withLayout(Supplier<HistoryDocument> build) {
        try {
            return build.get();
        } catch (NoClassDefFoundError e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("org/eclipse/")) {
                throw e;
            }
            throw new LayoutUnavailable(
                    "the HTML page's diagram is laid out by the Eclipse Layout Kernel, which is"
                            + " not on the classpath (" + e.getMessage()
                            + " is missing). strata-core declares it optional;"
                            + " add org.eclipse.elk:org.eclipse.elk.alg.layered and org.eclipse.elk:org.eclipse.elk.core"
                            + " (and org.eclipse.xtext:org.eclipse.xtext.xbase.lib) to the application's dependencies, or"
                            + " run the strata command, which carries them.",
                    e);
        }
    }

    /** The optional layout library is missing: the document can't be drawn. */
    public static final class LayoutUnavailable extends StrataException {
        LayoutUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** True when both files exist and hold what this document renders to. */
    public boolean isCurrent() {
        return markdown.isCurrent() && html.isCurrent();
    }

    /** Writes both files. */
    public void write() {
        markdown.write();
        html.write();
    }

    static Path htmlBeside(Path markdown) {
        String name = markdown.getFileName().toString();
        String base = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        return markdown.resolveSibling(base + ".html");
    }

    private static String folder(StrataConfig config) {
        Path dir = config.migrationsDir();
        Path shown = dir.startsWith(config.projectDir()) ? config.projectDir().relativize(dir) : dir;
        String text = shown.toString().replace('\\', '/');
        return text.isEmpty() ? "." : text;
    }
}
