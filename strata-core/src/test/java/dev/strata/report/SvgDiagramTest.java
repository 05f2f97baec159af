package dev.strata.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.ConfigLoader;
import dev.strata.config.ConfigOptions;
import dev.strata.schema.Schema;
import dev.strata.shadow.ShadowDatabase;
import dev.strata.testing.MigrationFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The SVG diagram read back with an XML parser: well-formed whatever the names hold, one box per
 * table, one arrow per foreign key with its ON DELETE action, the key marks, and the same bytes
 * every time.
 */
class SvgDiagramTest {

    @TempDir
    Path project;

    private Schema schema(String sql) throws IOException {
        MigrationFiles.write(project, "0001_schema.sql", sql);
        var config = ConfigLoader.load(
                ConfigOptions.in(project).withUrl("sqlite:app.db").withEnv(Map.of()));
        try (ShadowDatabase shadow = ShadowDatabase.create(config)) {
            shadow.applyAll(dev.strata.source.MigrationDirectory.scan(project, config.migrationsDir()));
            return shadow.schema();
        }
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> groups(Document svg, String type) {
        NodeList all = svg.getElementsByTagName("g");
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.getAttribute("class").equals(type)) {
                found.add(element);
            }
        }
        return found;
    }

    @Test
    void everyTableIsABoxAndEveryForeignKeyAnArrowWithItsAction() throws Exception {
        Schema schema = schema("""
                CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
                CREATE TABLE teams (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL REFERENCES users(id) ON DELETE RESTRICT);
                CREATE TABLE members (
                    team_id INTEGER REFERENCES teams(id) ON DELETE CASCADE,
                    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
                    mentor_id INTEGER REFERENCES members(user_id),
                    PRIMARY KEY (team_id, user_id)
                );
                CREATE TABLE audit (id INTEGER PRIMARY KEY, gone_id INTEGER REFERENCES archived(id) ON DELETE CASCADE);
                """);

        String svg = SvgDiagram.of(schema);
        Document document = parse(svg);

        assertThat(groups(document, "table"))
                .extracting(g -> g.getAttribute("data-table"))
                .containsExactly("audit", "members", "teams", "users");
        assertThat(groups(document, "missing"))
                .extracting(g -> g.getAttribute("data-table"))
                .containsExactly("archived");
        List<Element> arrows = groups(document, "fk");
        assertThat(arrows)
                .extracting(g -> g.getAttribute("data-from") + " -> " + g.getAttribute("data-to") + " "
                        + g.getElementsByTagName("text").item(0).getTextContent())
                .containsExactlyInAnyOrder(
                        "audit -> archived ON DELETE CASCADE",
                        "members -> teams ON DELETE CASCADE",
                        "members -> users ON DELETE SET NULL",
                        "members -> members ON DELETE NO ACTION",
                        "teams -> users ON DELETE RESTRICT");
        for (Element arrow : arrows) {
            Element path = (Element) arrow.getElementsByTagName("path").item(0);
            assertThat(path.getAttribute("d")).matches("M[-0-9.]+,[-0-9.]+( L[-0-9.]+,[-0-9.]+)+");
            assertThat(path.getAttribute("marker-end")).isEqualTo("url(#er-arrow)");
        }
        Element members = groups(document, "table").get(1);
        assertThat(members.getElementsByTagName("g").item(0).getTextContent()).isEqualTo("PK FKteam_idINTEGER");
        assertThat(members.getElementsByTagName("g").item(2).getTextContent()).isEqualTo("FKmentor_idINTEGER");
        assertThat(document.getDocumentElement().getAttribute("aria-label"))
                .isEqualTo("Entity-relationship diagram: 4 tables, 5 foreign keys");
        assertThat(SvgDiagram.of(schema))
                .as("the same schema gives the same bytes")
                .isEqualTo(svg);
    }

    @Test
    void hostileNamesStayTextAndTheDrawingStaysWellFormed() throws Exception {
        String table = "</svg><script>alert(1)</script>";
        String column = "\"><img src=x onerror=alert(2)>&amp;'\u0001";
        Schema schema = schema("CREATE TABLE \"" + table + "\" (id INTEGER PRIMARY KEY, \""
                + column.replace("\"", "\"\"") + "\" TEXT REFERENCES \"" + table + "\"(id) ON DELETE CASCADE);\n");

        String svg = SvgDiagram.of(schema);
        Document document = parse(svg);

        assertThat(svg).doesNotContain("<script", "<img", "\u0001");
        assertThat(document.getElementsByTagName("script").getLength()).isZero();
        assertThat(document.getElementsByTagName("img").getLength()).isZero();
        Element box = groups(document, "table").get(0);
        assertThat(box.getAttribute("data-table")).isEqualTo(table);
        assertThat(box.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(table);
        assertThat(((Element) box.getElementsByTagName("g").item(1)).getAttribute("data-column"))
                .isEqualTo(column.replace('\u0001', '\uFFFD'));
        assertThat(groups(document, "fk")).hasSize(1);
    }

    @Test
    void anEmptySchemaIsAnEmptyDrawing() throws Exception {
        Document document = parse(SvgDiagram.of(Schema.empty("sqlite", "main")));

        assertThat(groups(document, "table")).isEmpty();
        assertThat(groups(document, "fk")).isEmpty();
        assertThat(document.getDocumentElement().getAttribute("aria-label"))
                .isEqualTo("Entity-relationship diagram: 0 tables, 0 foreign keys");
    }
}
