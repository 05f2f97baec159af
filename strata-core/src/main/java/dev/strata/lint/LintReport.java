package dev.strata.lint;

import java.util.Comparator;
import java.util.List;

/**
 * Everything a lint run found, in file order.
 *
 * @param files    how many files were linted
 * @param findings the findings, sorted by file, line and column
 * @param notes    remarks about the run for people, such as why the schema-aware checks were skipped
 */
public record LintReport(int files, List<Finding> findings, List<String> notes) {

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file)
            .thenComparingInt(Finding::line)
            .thenComparingInt(Finding::column)
            .thenComparing(Finding::rule);

    public LintReport {
        findings = findings.stream().sorted(ORDER).toList();
        notes = List.copyOf(notes);
    }

    public LintReport(int files, List<Finding> findings) {
        this(files, findings, List.of());
    }

    /** This report with one more note: a check that did not run. */
    public LintReport withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new LintReport(files, findings, more);
    }

    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
