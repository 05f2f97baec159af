package dev.strata.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.ConfigLoader;
import dev.strata.config.ConfigOptions;
import dev.strata.dialect.WaitListener;
import dev.strata.testing.HeadlessChromium;
import dev.strata.testing.MigrationFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML page of {@code strata docs} in a real browser with no network: the diagram is there as
 * SVG, one box per table and one arrow per foreign key, and no table or column name turns into
 * markup. The screenshots go to {@code target/screenshots}; the D1 example's is the one in the README.
 */
@Tag("full") // left out of the quick loop (-Dquick); see the root pom
class DiagramInBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path project;

    @TempDir
    Path work;

    private MigrationDocs writeDocs() {
        MigrationDocs docs = MigrationDocs.generate(
                ConfigLoader.load(
                        ConfigOptions.in(project).withUrl("sqlite:app.db").withEnv(Map.of())),
                MigrationDocs.DEFAULT_FILE,
                WaitListener.SILENT);
        docs.write();
        return docs;
    }

    /**
     * Keeps the page under target for a look after the run, and beside it the same page from the
     * diagram's heading on, whose URL is returned: that is what the screenshot shows (headless
     * Chromium draws nothing when it scrolls to a fragment before the shot).
     */
    private static String keep(MigrationDocs docs, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        String page = Files.readString(docs.html().path());
        Files.writeString(SCREENSHOTS.resolve(name + ".html"), page);
        int body = page.indexOf("<body>") + "<body>".length();
        Path diagram = SCREENSHOTS.resolve(name + "-diagram.html");
        Files.writeString(
                diagram, page.substring(0, body) + "\n" + page.substring(page.indexOf("<h2 id=\"er-diagram\">")));
        return diagram.toAbsolutePath().toUri().toString();
    }

    @Test
    void tablesAndForeignKeysAreDrawnOfflineAndHostileNamesStayText() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        MigrationFiles.write(project, "0001_core.sql", """
                CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE);
                CREATE TABLE workspaces (id TEXT PRIMARY KEY, owner_id TEXT REFERENCES users(id) ON DELETE RESTRICT);
                CREATE TABLE threads (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    workspace_id TEXT REFERENCES workspaces(id) ON DELETE SET NULL,
                    parent_id TEXT REFERENCES threads(id)
                );
                CREATE TABLE "</svg><script>alert('owned')</script>" (
                    id INTEGER PRIMARY KEY,
                    \"""><img src=x onerror=alert('owned')>" TEXT REFERENCES users(id) ON DELETE SET DEFAULT
                );
                """);
        MigrationDocs docs = writeDocs();

        String dom = chromium.dumpDom(docs.html().path(), work);
        chromium.screenshot(keep(docs, "foreign-keys"), SCREENSHOTS.resolve("foreign-keys.png"), 1400, 440, work);

        assertThat(count(dom, "<g class=\"table\"")).as(dom).isEqualTo(4);
        assertThat(count(dom, "<g class=\"fk\"")).isEqualTo(5);
        assertThat(dom)
                .contains(
                        "<title>Migration history</title>",
                        ">ON DELETE CASCADE</text>",
                        ">ON DELETE SET NULL</text>",
                        ">ON DELETE RESTRICT</text>",
                        ">ON DELETE NO ACTION</text>",
                        ">ON DELETE SET DEFAULT</text>",
                        "data-from=\"threads\" data-to=\"threads\"",
                        "&lt;/svg&gt;&lt;script&gt;")
                .doesNotContain("<img", "<script");
        assertThat(count(dom, "<svg ")).isEqualTo(1);
        assertThat(Files.size(SCREENSHOTS.resolve("foreign-keys.png"))).isGreaterThan(10_000);
    }

    @Test
    void theD1ExamplesPageShowsItsThreeTables() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Path source = Path.of("..", "examples", "d1-app", "migrations");
        Files.createDirectories(project.resolve("migrations"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, project.resolve("migrations").resolve(file.getFileName()));
            }
        }
        MigrationDocs docs = writeDocs();

        String dom = chromium.dumpDom(docs.html().path(), work);
        Path png = SCREENSHOTS.resolve("d1-app.png");
        chromium.screenshot(keep(docs, "d1-app"), png, 1000, 520, work);

        assertThat(count(dom, "<g class=\"table\"")).isEqualTo(3);
        assertThat(count(dom, "<g class=\"fk\"")).isZero();
        assertThat(dom)
                .contains(
                        "data-table=\"polymarket_markets_cache\"",
                        "data-table=\"user_preferences\"",
                        "data-table=\"zetachain_cctx_log\"",
                        ">PK</text>");
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
