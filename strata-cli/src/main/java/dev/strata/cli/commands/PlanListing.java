package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.dialect.ExecutableScript;
import dev.strata.lint.Finding;
import dev.strata.schema.SchemaChange;
import dev.strata.source.Migration;
import dev.strata.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code plan} and {@code migrate --dry-run} show: each pending migration, how it runs, its
 * statements, and the lint gate's findings put beside the statement they are about, so that a run the
 * gate would refuse still shows everything it would have done.
 */
final class PlanListing {

    /**
     * One pending migration.
     *
     * @param changes the schema changes it makes, when they were computed (plan computes them)
     */
    record Step(
            Migration migration,
            ExecutableScript script,
            Optional<String> notice,
            Optional<List<SchemaChange>> changes) {}

    private final List<Step> steps;
    private final List<Finding> findings;

    PlanListing(List<Step> steps, List<Finding> findings) {
        this.steps = List.copyOf(steps);
        this.findings = List.copyOf(findings);
    }

    /** The listing as SQL: everything that is not a statement is a comment. */
    void print(Console console) {
        List<Finding> shown = new ArrayList<>();
        for (Step step : steps) {
            console.out(
                    "-- " + step.migration().label() + " (" + step.migration().upSource() + ")"
                            + (step.script().transactional() ? ", in one transaction" : ", statement by statement"));
            step.notice().ifPresent(notice -> console.out("-- note: " + notice));
            step.changes().ifPresent(changes -> {
                if (changes.isEmpty()) {
                    console.out("--   no schema change");
                }
                changes.forEach(change -> console.out("--   " + change.describe()));
            });
            List<Statement> statements = step.script().statements();
            for (int i = 0; i < statements.size(); i++) {
                for (Finding finding : at(step, i)) {
                    console.out("-- " + finding.severity().label() + " [" + finding.rule() + "] " + finding.location()
                            + ": " + finding.message());
                    console.out("--   fix: " + finding.fix());
                    shown.add(finding);
                }
                console.out(statements.get(i).sql() + ";");
            }
            console.out("");
        }
        // Findings about no statement shown (a directive, another file): listed once, after the plan.
        findings.stream()
                .filter(f -> !shown.contains(f))
                .forEach(f -> console.out(
                        "-- " + f.severity().label() + " [" + f.rule() + "] " + f.location() + ": " + f.message()));
    }

    /** {@code [{"version","name","file","transactional","notice","statements":[{"line","sql","findings"}]}]}. */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> migrations = new ArrayList<>();
        for (Step step : steps) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("version", step.migration().version().text());
            item.put("name", step.migration().name());
            item.put("file", step.migration().upSource());
            item.put("transactional", step.script().transactional());
            item.put("notice", step.notice().orElse(null));
            List<Map<String, Object>> statements = new ArrayList<>();
            List<Statement> script = step.script().statements();
            for (int i = 0; i < script.size(); i++) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("line", script.get(i).line());
                one.put("sql", script.get(i).sql());
                one.put("findings", at(step, i).stream().map(LintFormats::json).toList());
                statements.add(one);
            }
            item.put("statements", statements);
            step.changes()
                    .ifPresent(changes -> item.put(
                            "changes",
                            changes.stream()
                                    .map(change -> Output.change(change, "before", "after"))
                                    .toList()));
            migrations.add(item);
        }
        return migrations;
    }

    /** Every finding, for the JSON documents' top-level {@code findings}. */
    List<Map<String, Object>> findingsJson() {
        return findings.stream().map(LintFormats::json).toList();
    }

    /**
     * The findings about statement {@code index} of {@code step}: in its file, from its first line up to
     * the next statement's; those above the first statement (on a directive) go with the first.
     */
    private List<Finding> at(Step step, int index) {
        List<Statement> statements = step.script().statements();
        int from = index == 0 ? Integer.MIN_VALUE : statements.get(index).line();
        int to = index + 1 < statements.size() ? statements.get(index + 1).line() : Integer.MAX_VALUE;
        return findings.stream()
                .filter(f -> f.file().equals(step.migration().upSource()))
                .filter(f -> f.line() >= from && f.line() < to)
                .toList();
    }
}
