package dev.strata.report;

import dev.strata.report.DiagramLayout.Drawing;
import dev.strata.report.DiagramLayout.Placed;
import dev.strata.report.DiagramLayout.Route;
import dev.strata.report.EntityDiagram.Box;
import dev.strata.report.EntityDiagram.Link;
import dev.strata.report.EntityDiagram.Row;
import dev.strata.schema.Schema;
import java.util.Locale;

/**
 * The ER diagram as an SVG element for the HTML page: it shows without any script, network or font
 * download. Each table is a {@code <g class="table">} (a box with a header and one line per column,
 * marked PK and FK), each foreign key a {@code <g class="fk">} (an arrow from the key column to the
 * referenced column, with its ON DELETE action). Every name goes through {@link #escape}, so a
 * table or column name can't add markup to the page. Styled by the page's {@code svg.er} rules.
 */
final class SvgDiagram {

    private final StringBuilder out = new StringBuilder();

    private SvgDiagram() {}

    static String of(Schema schema) {
        EntityDiagram diagram = EntityDiagram.of(schema);
        return new SvgDiagram().render(diagram, DiagramLayout.layout(diagram));
    }

    private String render(EntityDiagram diagram, Drawing drawing) {
        String width = number(Math.ceil(drawing.width()));
        String height = number(Math.ceil(drawing.height()));
        line("<svg class=\"er\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-label=\"Entity-relationship"
                + " diagram: "
                + count(diagram.boxes().stream().filter(box -> !box.missing()).count(), "table")
                + ", " + count(diagram.links().size(), "foreign key") + "\">");
        line("<defs><marker id=\"er-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\""
                + " markerHeight=\"9\" orient=\"auto\"><path d=\"M0,1 L10,5 L0,9 z\"/></marker></defs>");
        for (int i = 0; i < diagram.boxes().size(); i++) {
            box(diagram.boxes().get(i), drawing.boxes().get(i));
        }
        for (int i = 0; i < diagram.links().size(); i++) {
            link(diagram, diagram.links().get(i), drawing.routes().get(i));
        }
        line("</svg>");
        return out.toString();
    }

    private void box(Box box, Placed at) {
        line("<g class=\"" + (box.missing() ? "missing" : "table") + "\" data-table=\"" + escape(box.name())
                + "\" transform=\"translate(" + number(at.x()) + "," + number(at.y()) + ")\">");
        line("<title>" + escape(box.name()) + (box.missing() ? " (not in the schema)" : "") + "</title>");
        line("<rect class=\"box\" width=\"" + number(at.width()) + "\" height=\"" + number(at.height()) + "\"/>");
        line("<path class=\"head\" d=\"M0,0 H" + number(at.width()) + " V" + number(DiagramLayout.HEADER)
                + " H0 Z\"/>");
        line("<text class=\"name\" x=\"" + number(DiagramLayout.PAD) + "\" y=\"" + baseline(-1) + "\">"
                + escape(DiagramLayout.shown(box.name())) + "</text>");
        if (box.missing()) {
            line("<text class=\"note\" x=\"" + number(DiagramLayout.PAD) + "\" y=\"" + baseline(0)
                    + "\">(not in the schema)</text>");
        }
        double nameX = DiagramLayout.PAD + DiagramLayout.MARKS;
        double typeX = at.width() - DiagramLayout.PAD;
        for (int row = 0; row < box.rows().size(); row++) {
            Row column = box.rows().get(row);
            out.append("<g class=\"column\" data-column=\"")
                    .append(escape(column.name()))
                    .append("\">");
            if (!column.marks().isEmpty()) {
                out.append("<text class=\"marks\" x=\"")
                        .append(number(DiagramLayout.PAD))
                        .append("\" y=\"")
                        .append(baseline(row))
                        .append("\">")
                        .append(escape(column.marks()))
                        .append("</text>");
            }
            out.append("<text x=\"")
                    .append(number(nameX))
                    .append("\" y=\"")
                    .append(baseline(row))
                    .append("\">")
                    .append(escape(DiagramLayout.shown(column.name())))
                    .append("</text>");
            if (!column.type().isEmpty()) {
                out.append("<text class=\"type\" x=\"")
                        .append(number(typeX))
                        .append("\" y=\"")
                        .append(baseline(row))
                        .append("\" text-anchor=\"end\">")
                        .append(escape(DiagramLayout.shown(column.type())))
                        .append("</text>");
            }
            line("</g>");
        }
        line("</g>");
    }

    private void link(EntityDiagram diagram, Link link, Route route) {
        line("<g class=\"fk\" data-from=\""
                + escape(diagram.boxes().get(link.from()).name()) + "\" data-to=\""
                + escape(diagram.boxes().get(link.to()).name()) + "\">");
        StringBuilder path = new StringBuilder();
        for (double[] point : route.points()) {
            path.append(path.isEmpty() ? "M" : " L")
                    .append(number(point[0]))
                    .append(',')
                    .append(number(point[1]));
        }
        line("<path d=\"" + path + "\" marker-end=\"url(#er-arrow)\"/>");
        Placed label = route.label();
        line("<text class=\"action\" x=\"" + number(label.x() + label.width() / 2) + "\" y=\""
                + number(label.y() + label.height() - 4) + "\" text-anchor=\"middle\">" + escape(link.label())
                + "</text>");
        line("</g>");
    }

    private static String baseline(int row) {
        return number(DiagramLayout.rowMiddle(row) + 4);
    }

    /** One decimal at most, the same on every machine (no locale, no float noise). */
    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        text = text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
        return text.equals("-0") ? "0" : text;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Text for an SVG text node or attribute value. Characters XML forbids (most control characters)
     * become U+FFFD, so a name holding them still gives a well-formed page.
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    boolean allowed = c == '\t'
                            || c == '\n'
                            || c == '\r'
                            || c >= 0x20 && c < 0xD800
                            || c >= 0xE000 && c <= 0xFFFD
                            || c >= 0x10000;
                    escaped.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
        return escaped.toString();
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
