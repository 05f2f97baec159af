package dev.strata.cli.commands;

import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import dev.strata.lint.Rule;
import dev.strata.lint.Rules;
import dev.strata.lint.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ways {@code strata lint} can print its findings: for people, for scripts, for code scanning, for CI. */
final class LintFormats {

    enum Format {
        TEXT,
        JSON,
        SARIF,
        GITHUB
    }

    private LintFormats() {}

    /**
     * For people: {@code file:line:col: severity [rule] message}, the source line with a caret under
     * the column, the fix, and for errors how to accept the risk.
     *
     * @param projectDir where the findings' file names are relative to, to show their lines
     */
    static List<String> text(LintReport report, Path projectDir) {
        List<String> lines = new ArrayList<>();
        Map<String, List<String>> sources = new HashMap<>();
        for (Finding f : report.findings()) {
            lines.add(f.location() + ": " + f.severity().label() + " [" + f.rule() + "] " + f.message());
            List<String> source = sources.computeIfAbsent(f.file(), file -> readLines(projectDir.resolve(file)));
            if (f.line() >= 1 && f.line() <= source.size()) {
                String code = source.get(f.line() - 1);
                String number = String.valueOf(f.line());
                lines.add("  " + number + " | " + code);
                lines.add("  " + " ".repeat(number.length()) + " | " + caretPadding(code, f.column()) + "^");
            }
            lines.add("  fix: " + f.fix());
            if (f.severity() == Severity.ERROR && f.allowable()) {
                lines.add("  to accept the risk: " + f.allowComment() + " on the line before the statement");
            }
            lines.add("");
        }
        // Every note says a check could not run (no shadow, rows not counted): the summary must not
        // read as if all of them had.
        String partly = report.notes().isEmpty()
                ? "."
                : "; not every check ran, see " + (report.notes().size() == 1 ? "the note" : "the notes") + " above.";
        if (report.findings().isEmpty()) {
            lines.add("OK: " + Output.plural(report.files(), "file") + " linted; no findings" + partly);
        } else {
            lines.add(Output.plural(report.count(Severity.ERROR), "error") + ", "
                    + Output.plural(report.count(Severity.WARNING), "warning") + ", "
                    + report.count(Severity.INFO) + " info in " + Output.plural(report.files(), "file")
                    + " linted" + partly);
        }
        return lines;
    }

    /** Keeps tabs as tabs, so the caret lines up under the column in any terminal. */
    private static String caretPadding(String code, int column) {
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < column - 1 && i < code.length(); i++) {
            pad.append(code.charAt(i) == '\t' ? '\t' : ' ');
        }
        return pad.toString();
    }

    private static List<String> readLines(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        } catch (IOException | RuntimeException e) {
            return List.of(); // the findings still say where; only the excerpt is missing
        }
    }

    /** {@code {"findings":[{"rule","severity","file","line","column","message","fix"}]}}, exactly. */
    static Map<String, Object> json(LintReport report) {
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            findings.add(json(f));
        }
        return Map.of("findings", findings);
    }

    /** One finding: {@code {"rule","severity","file","line","column","message","fix"}}, as plan shows it too. */
    static Map<String, Object> json(Finding f) {
        Map<String, Object> finding = new LinkedHashMap<>();
        finding.put("rule", f.rule());
        finding.put("severity", f.severity().label());
        finding.put("file", f.file());
        finding.put("line", f.line());
        finding.put("column", f.column());
        finding.put("message", f.message());
        finding.put("fix", f.fix());
        return finding;
    }

    /** A SARIF 2.1.0 log with one run, for code-scanning services. */
    static Map<String, Object> sarif(LintReport report, String version) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Rule rule : Rules.all()) {
            Map<String, Object> descriptor = new LinkedHashMap<>();
            descriptor.put("id", rule.id());
            descriptor.put("shortDescription", Map.of("text", rule.summary()));
            descriptor.put("defaultConfiguration", Map.of("level", sarifLevel(rule.defaultSeverity())));
            rules.add(descriptor);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", f.rule());
            result.put("level", sarifLevel(f.severity()));
            result.put("message", Map.of("text", f.message() + " Fix: " + f.fix()));
            result.put(
                    "locations",
                    List.of(Map.of(
                            "physicalLocation",
                            Map.of(
                                    "artifactLocation", Map.of("uri", f.file()),
                                    "region", Map.of("startLine", f.line(), "startColumn", f.column())))));
            results.add(result);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "strata");
        driver.put("version", version);
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    private static String sarifLevel(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** GitHub Actions workflow commands: one annotation per finding. */
    static List<String> github(LintReport report) {
        List<String> lines = new ArrayList<>();
        for (Finding f : report.findings()) {
            String command = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            lines.add("::" + command + " file=" + property(f.file()) + ",line=" + f.line() + ",col=" + f.column()
                    + ",title=" + property("strata " + f.rule()) + "::" + data(f.message() + " Fix: " + f.fix()));
        }
        return lines;
    }

    /** Escapes a workflow command's message as the runner expects. */
    private static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }

    static Optional<Format> parse(String name) {
        for (Format format : Format.values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
