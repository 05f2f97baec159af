package dev.strata.report;

import dev.strata.report.HistoryDocument.Breaking;
import dev.strata.report.HistoryDocument.Entry;
import dev.strata.report.HistoryDocument.Item;
import dev.strata.report.HistoryDocument.Section;
import java.util.List;

/**
 * Renders a {@link HistoryDocument} as one self-contained HTML page: no script, no request to any
 * server. The diagram is the document's SVG drawing, so it shows offline, behind a proxy and with
 * scripts disabled; its Mermaid text follows, folded, for pasting elsewhere.
 */
final class HtmlRenderer {

    private static final String STYLE = """
            body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
                   color: #1d1d1f; }
            h1, h2, h3 { line-height: 1.2; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
            h3 { margin-top: 2rem; } code { background: #f3f3f5; padding: 0 .25em; border-radius: 3px; }
            table { border-collapse: collapse; margin: 1rem 0; }
            th, td { border: 1px solid #ddd; padding: .3rem .6rem; text-align: left; }
            pre.mermaid { background: #fafafa; border: 1px solid #eee; padding: 1rem; overflow-x: auto; }
            .diagram { overflow-x: auto; margin: 1rem calc(50% - 50vw + 1rem); text-align: center; }
            svg.er { font: 12px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
            svg.er .box { fill: #fff; stroke: #5b6b82; stroke-width: 1.2; }
            svg.er .head { fill: #e8eef7; stroke: #5b6b82; stroke-width: 1.2; }
            svg.er .missing .box, svg.er .missing .head { stroke-dasharray: 4 3; fill: #f6f6f6; }
            svg.er text { fill: #1d1d1f; } svg.er .name { font-weight: 700; }
            svg.er .marks { fill: #a0522d; font-weight: 700; } svg.er .type, svg.er .note { fill: #5f6470; }
            svg.er .fk path { fill: none; stroke: #2f6db5; stroke-width: 1.4; }
            svg.er marker path { fill: #2f6db5; }
            svg.er .action { font-size: 11px; fill: #2f6db5; }
            .title { font-weight: 600; margin: 1rem 0 .25rem; }
            """;

    private final StringBuilder out = new StringBuilder();

    private HtmlRenderer() {}

    static String render(HistoryDocument document) {
        return new HtmlRenderer().document(document);
    }

    private String document(HistoryDocument document) {
        line("<!DOCTYPE html>");
        line("<html lang=\"en\">");
        line("<head>");
        line("<meta charset=\"utf-8\">");
        line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        line("<title>" + escape(DocumentText.title(document)) + "</title>");
        line("<style>");
        out.append(STYLE);
        line("</style>");
        line("</head>");
        line("<body>");
        line("<h1>" + escape(DocumentText.title(document)) + "</h1>");
        line("<p>" + escape(DocumentText.introduction(document, "")) + "</p>");
        line("<h2>Overview</h2>");
        line("<table>");
        for (String[] row : DocumentText.totals(document)) {
            String value = row[2].equals("code") && !row[1].isEmpty() ? code(row[1]) : escape(row[1]);
            line("<tr><th>" + escape(row[0]) + "</th><td>" + value + "</td></tr>");
        }
        line("</table>");
        if (!document.migrations().isEmpty()) {
            line("<table>");
            line("<tr><th>Migration</th>"
                    + String.join(
                            "",
                            DocumentText.COUNTED.stream()
                                    .map(title -> "<th>" + escape(title) + "</th>")
                                    .toList())
                    + "</tr>");
            for (Entry entry : document.migrations()) {
                line("<tr><td><a href=\"#" + anchor(entry.label()) + "\">" + code(entry.label()) + "</a></td>"
                        + String.join(
                                "",
                                DocumentText.counts(entry).stream()
                                        .map(n -> "<td>" + n + "</td>")
                                        .toList())
                        + "</tr>");
            }
            line("</table>");
        }
        if (document.fromDatabase()) {
            line("<h2>Tables</h2>");
            items(document.tables());
        } else {
            history(document);
        }
        line("<h2 id=\"er-diagram\">Entity-relationship diagram</h2>");
        line("<div class=\"diagram\">");
        out.append(document.drawing());
        line("</div>");
        line("<details><summary>The same diagram as Mermaid text</summary>");
        line("<pre class=\"mermaid\">");
        out.append(escape(document.diagram()));
        line("</pre>");
        line("</details>");
        line("</body>");
        line("</html>");
        return out.toString();
    }

    private void history(HistoryDocument document) {
        line("<h2>Migrations</h2>");
        if (document.migrations().isEmpty()) {
            line("<p>No migrations yet.</p>");
        }
        for (Entry entry : document.migrations()) {
            entry(entry);
        }
        line("<h2>Breaking changes</h2>");
        if (document.breaking().isEmpty()) {
            line("<p>" + escape(DocumentText.NO_BREAKING) + "</p>");
        } else {
            line("<ul>");
            for (Breaking breaking : document.breaking()) {
                line("<li>" + code(breaking.migration()) + " (" + escape(breaking.kind()) + "): "
                        + code(breaking.change()) + "</li>");
            }
            line("</ul>");
        }
    }

    private void entry(Entry entry) {
        line("<h3 id=\"" + anchor(entry.label()) + "\">" + escape(entry.label()) + "</h3>");
        line("<p>File: " + code(entry.file()) + "</p>");
        if (!entry.purpose().isEmpty()) {
            line("<p><strong>Purpose</strong>: " + escape(entry.purpose()) + "</p>");
        }
        for (Section section : entry.sections()) {
            line("<div class=\"title\">" + escape(section.title()) + "</div>");
            items(section.items());
        }
    }

    private void items(List<Item> items) {
        line("<ul>");
        for (Item item : items) {
            String code = item.code().isEmpty() ? "" : code(item.code());
            out.append("<li>")
                    .append(code)
                    .append(code.isEmpty() || item.text().isEmpty() ? "" : " ")
                    .append(escape(item.text()));
            if (!item.details().isEmpty()) {
                out.append('\n');
                items(item.details());
            }
            line("</li>");
        }
        line("</ul>");
    }

    private static String anchor(String label) {
        return "m-" + label.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private static String code(String text) {
        return "<code>" + escape(text) + "</code>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
