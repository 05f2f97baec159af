package dev.strata.rehearse;

import dev.strata.rehearse.RehearsalReport.Step;
import dev.strata.rehearse.RehearsalReport.TableRows;
import java.time.Duration;

/** The rehearsal as a Markdown report, for a pull request or a change ticket. */
public final class RehearsalMarkdown {

    private RehearsalMarkdown() {}

    public static String of(RehearsalReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# Rehearsal of ")
                .append(report.pending())
                .append(" pending migration")
                .append(report.pending() == 1 ? "" : "s")
                .append(" on a copy of ")
                .append(report.database())
                .append("\n\n");
        out.append("Copy: ")
                .append(report.copy().description())
                .append(", made in ")
                .append(millis(report.copy().took()))
                .append(". The live database was only read.\n\n");
        if (report.succeeded()) {
            out.append("**Result:** every pending migration ran on the copy.\n\n");
        } else if (report.failure().get().refusedOnLive()) {
            out.append("**Result:** migrate would refuse the run on the live database; nothing ran on the copy.\n\n");
        } else {
            out.append("**Result:** `" + report.failure().get().migration() + "` failed on the copy: the real run"
                    + " would stop there.\n\n");
        }
        if (!report.steps().isEmpty()) {
            out.append("| Migration | Time | Tables: rows before -> after | Locks seen |\n|---|---|---|---|\n");
            for (Step step : report.steps()) {
                out.append("| `")
                        .append(step.migration())
                        .append("` | ")
                        .append(millis(step.took()))
                        .append(" | ")
                        .append(cell(String.join(
                                "<br>",
                                step.tables().stream()
                                        .map(RehearsalMarkdown::rows)
                                        .toList())))
                        .append(" | ")
                        .append(cell(String.join("<br>", step.locks())))
                        .append(" |\n");
            }
            out.append('\n');
        }
        report.failure()
                .ifPresent(failure -> out.append(
                                failure.refusedOnLive()
                                        ? "## Refused while planning"
                                        : "## `" + failure.migration() + "` failed")
                        .append("\n\n```\n")
                        .append(failure.message().replace("```", "'''"))
                        .append("\n```\n"));
        return out.toString();
    }

    /** {@code users 3 -> 3}, {@code users_new (new) 0 -> 3}, {@code old 5 -> (dropped)}. */
    public static String rows(TableRows rows) {
        String before = rows.before() < 0 ? "(new)" : Long.toString(rows.before());
        String after = rows.after() < 0 ? "(dropped)" : Long.toString(rows.after());
        return rows.table() + " " + before + " -> " + after;
    }

    public static String millis(Duration took) {
        return took.toMillis() + " ms";
    }

    private static String cell(String text) {
        return text.isEmpty() ? "-" : text.replace("|", "\\|");
    }
}
