package dev.strata.report;

import dev.strata.report.HistoryDocument.Breaking;
import dev.strata.report.HistoryDocument.Entry;
import dev.strata.report.HistoryDocument.Item;
import dev.strata.report.HistoryDocument.Section;
import java.util.List;

/** Renders a {@link HistoryDocument} as Markdown, with the diagram in a {@code mermaid} code block. */
final class MarkdownRenderer {

    private final StringBuilder out = new StringBuilder();

    private MarkdownRenderer() {}

    static String render(HistoryDocument document) {
        return new MarkdownRenderer().document(document);
    }

    private String document(HistoryDocument document) {
        line("# " + DocumentText.title(document));
        line("");
        line(DocumentText.introduction(document, "`"));
        line("");
        line("## Overview");
        line("");
        line("| | |");
        line("|---|---|");
        for (String[] row : DocumentText.totals(document)) {
            line("| " + row[0] + " | " + (row[1].isEmpty() ? "" : code(row[1], row[2].equals("code"))) + " |");
        }
        line("");
        if (!document.migrations().isEmpty()) {
            line("| Migration | " + String.join(" | ", DocumentText.COUNTED) + " |");
            line("|---" + "|---".repeat(DocumentText.COUNTED.size()) + "|");
            for (Entry entry : document.migrations()) {
                line("| " + code(entry.label(), true) + " | "
                        + String.join(
                                " | ",
                                DocumentText.counts(entry).stream()
                                        .map(String::valueOf)
                                        .toList()) + " |");
            }
            line("");
        }
        if (document.fromDatabase()) {
            line("## Tables");
            line("");
            items(document.tables(), "");
            line("");
        } else {
            history(document);
        }
        line("## Entity-relationship diagram");
        line("");
        line("```mermaid");
        out.append(document.diagram());
        line("```");
        return out.toString();
    }

    private void history(HistoryDocument document) {
        line("## Migrations");
        line("");
        if (document.migrations().isEmpty()) {
            line("No migrations yet.");
            line("");
        }
        for (Entry entry : document.migrations()) {
            entry(entry);
        }
        line("## Breaking changes");
        line("");
        if (document.breaking().isEmpty()) {
            line(DocumentText.NO_BREAKING);
        }
        for (Breaking breaking : document.breaking()) {
            line("- " + code(breaking.migration(), true) + " (" + breaking.kind() + "): "
                    + code(breaking.change(), true));
        }
        line("");
    }

    private void entry(Entry entry) {
        line("### " + entry.label());
        line("");
        line("File: " + code(entry.file(), true));
        line("");
        if (!entry.purpose().isEmpty()) {
            line("**Purpose**: " + entry.purpose());
            line("");
        }
        for (Section section : entry.sections()) {
            line("**" + section.title() + "**");
            line("");
            items(section.items(), "");
            line("");
        }
    }

    private void items(List<Item> items, String indent) {
        for (Item item : items) {
            String code = item.code().isEmpty() ? "" : code(item.code(), true);
            line(indent + "- " + code + (code.isEmpty() || item.text().isEmpty() ? "" : " ") + item.text());
            items(item.details(), indent + "  ");
        }
    }

    /** A code span that survives backticks inside it. */
    private static String code(String text, boolean asCode) {
        if (!asCode) {
            return text;
        }
        String fence = text.contains("`") ? "``" : "`";
        String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
        return fence + pad + text + pad + fence;
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
