package dev.strata.lint;

import dev.strata.sql.Directive;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code -- strata:allow RULE reason} comments of one file. An allow covers the statement that
 * starts after it; {@code -- strata:allow-file RULE reason} in the header covers the whole file.
 * Several rules may be named at once, separated by commas. A reason is mandatory, so that whoever
 * reads the migration later learns why the risk was accepted: an allow without one allows nothing
 * and is itself an error.
 */
final class Suppressions {

    static final String ALLOW = "allow";
    static final String ALLOW_FILE = "allow-file";

    private final Set<String> fileWide = new HashSet<>();
    private final Map<Integer, Set<String>> byStatement = new HashMap<>();
    private final List<Finding> problems = new ArrayList<>();

    /**
     * @param statementLines the first line of each statement, in file order
     */
    Suppressions(String file, List<Directive> directives, List<Integer> statementLines) {
        for (Directive directive : directives) {
            if (directive.name().equals(ALLOW) || directive.name().equals(ALLOW_FILE)) {
                read(file, directive, statementLines);
            }
        }
    }

    private void read(String file, Directive directive, List<Integer> statementLines) {
        String argument = directive.argument();
        int space = argument.indexOf(' ');
        String ruleList = space < 0 ? argument : argument.substring(0, space);
        String reason = space < 0 ? "" : argument.substring(space + 1).strip();
        String comment = "-- strata:" + directive.name();
        if (ruleList.isEmpty()) {
            problems.add(problem(
                    Rules.ALLOW_WITHOUT_REASON,
                    file,
                    directive,
                    comment + " names no rule.",
                    "Write " + comment + " RULE reason, e.g. " + comment + " drop-table the table moved to the archive"
                            + " database."));
            return;
        }
        Set<String> rules = new HashSet<>();
        // A trailing comma is forgiven (split drops the empty piece); any other empty piece is an unknown rule.
        @SuppressWarnings("StringSplitter")
        String[] ruleIds = ruleList.split(",");
        for (String rule : ruleIds) {
            if (Rules.byId(rule).isEmpty()) {
                problems.add(problem(
                        Rules.ALLOW_UNKNOWN_RULE,
                        file,
                        directive,
                        comment + " " + rule + ": there is no" + " rule '" + rule + "'.",
                        "Use the rule id printed with the finding, e.g. drop-table."));
            } else if (Rules.refusedByMigrate(rule)) {
                problems.add(problem(
                        Rules.ALLOW_WITHOUT_EFFECT,
                        file,
                        directive,
                        comment + " " + rule + ": strata refuses to run a file that breaks " + rule
                                + " whatever this comment says, so it allows nothing.",
                        "Remove the comment, and change the file as the " + rule + " finding says."));
            } else {
                rules.add(rule);
            }
        }
        if (reason.isEmpty()) {
            problems.add(problem(
                    Rules.ALLOW_WITHOUT_REASON,
                    file,
                    directive,
                    comment + " " + ruleList + " gives no" + " reason, so it allows nothing.",
                    "Say why the risk is acceptable after the rule id: " + comment + " " + ruleList + " <reason>."));
            return;
        }
        if (directive.name().equals(ALLOW_FILE)) {
            if (!directive.inHeader()) {
                problems.add(problem(
                        Rules.ALLOW_MISPLACED,
                        file,
                        directive,
                        comment + " stands after the first" + " statement, so it allows nothing.",
                        "Move it to the file's header, before the first" + " statement."));
                return;
            }
            fileWide.addAll(rules);
            return;
        }
        int next = nextStatement(directive.line(), statementLines);
        if (next < 0) {
            problems.add(problem(
                    Rules.ALLOW_MISPLACED,
                    file,
                    directive,
                    comment + " has no statement after it, so it" + " allows nothing.",
                    "Put it on the line before the statement it allows."));
            return;
        }
        byStatement.computeIfAbsent(next, i -> new HashSet<>()).addAll(rules);
    }

    private static int nextStatement(int line, List<Integer> statementLines) {
        for (int i = 0; i < statementLines.size(); i++) {
            if (statementLines.get(i) > line) {
                return i;
            }
        }
        return -1;
    }

    private static Finding problem(Rule rule, String file, Directive directive, String message, String fix) {
        return new Finding(rule.id(), rule.defaultSeverity(), file, directive.line(), 1, message, fix);
    }

    /** Whether {@code rule} is allowed for the statement at {@code index}. */
    boolean allows(String rule, int index) {
        return fileWide.contains(rule)
                || byStatement.getOrDefault(index, Set.of()).contains(rule);
    }

    /** Allow comments that are themselves wrong. */
    List<Finding> problems() {
        return List.copyOf(problems);
    }
}
