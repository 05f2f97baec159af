package dev.strata.report;

import dev.strata.config.StrataConfig;
import dev.strata.dialect.Dialects;
import dev.strata.shadow.ShadowDatabase;
import dev.strata.shadow.ShadowStep;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The migration history document of {@code strata docs}: Markdown, and an HTML page beside it that
 * shows the same content and draws the diagram. Computed by running every migration file on a
 * shadow database; the same files always give the same bytes, so a committed copy can be checked.
 *
 * @param document the content
 * @param markdown the Markdown file and its text
 * @param html     the HTML file (the Markdown file's name with {@code .html}) and its text
 */
public record MigrationDocs(HistoryDocument document, GeneratedFile markdown, GeneratedFile html) {

    /** Where the document goes unless told otherwise, relative to the project folder. */
    public static final Path DEFAULT_FILE = Path.of("docs", "migrations.md");

    public MigrationDocs {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(html, "html");
    }

    /**
     * @param markdownFile where the Markdown goes, relative to the project folder unless absolute
     * @throws dev.strata.shadow.ShadowException when a migration fails on the shadow, naming file:line
     */
    public static MigrationDocs generate(StrataConfig config, Path markdownFile) {
        List<Migration> files = MigrationDirectory.scan(config.projectDir(), config.migrationsDir());
        HistoryDocument document;
        try (ShadowDatabase shadow = ShadowDatabase.create(config)) {
            List<ShadowStep> steps = shadow.applyAll(files);
            document = HistoryBuilder.build(Dialects.forUrl(config.url()).name(), folder(config), steps,
                    shadow.schema());
        }
        Path markdown = config.projectDir().resolve(markdownFile).normalize();
        return new MigrationDocs(document, new GeneratedFile(markdown, MarkdownRenderer.render(document)),
                new GeneratedFile(htmlBeside(markdown), HtmlRenderer.render(document)));
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
