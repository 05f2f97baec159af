package dev.strata.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The comment a migration file starts with, which by convention says why the migration exists. Only
 * its first paragraph is taken (the rest is usually detail on how), and strata's own directives
 * ({@code -- strata:...}) are not part of it.
 */
final class LeadingComment {

    private LeadingComment() {}

    /** The first paragraph of the leading comment, lines joined with spaces; empty when there is none. */
    static String purpose(String sql) {
        List<String> paragraph = new ArrayList<>();
        String[] lines = sql.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        boolean inBlock = false;
        boolean started = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String text;
            if (inBlock) {
                int end = line.indexOf("*/");
                text = end < 0 ? line : line.substring(0, end);
                inBlock = end < 0;
                text = text.replaceFirst("^\\*+\\s?", "");
            } else if (line.startsWith("--")) {
                text = line.substring(2).strip();
                if (text.startsWith("strata:")) {
                    continue;
                }
            } else if (line.startsWith("/*")) {
                int end = line.indexOf("*/", 2);
                text = end < 0 ? line.substring(2) : line.substring(2, end);
                inBlock = end < 0;
            } else if (line.isEmpty() && !started) {
                continue;
            } else {
                break;
            }
            text = text.strip();
            if (text.isEmpty()) {
                if (started) {
                    break;
                }
                continue;
            }
            started = true;
            paragraph.add(text);
        }
        return String.join(" ", paragraph);
    }
}
