package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help, rendered at 80 columns, is wrapped by picocli and not by line ends typed
 * into the descriptions. A typed line end inside a sentence shows as a line that stops early: it ends
 * without punctuation or with a comma, colon or semicolon, and the next line of the same paragraph
 * goes on with a lower-case word that would still have fitted on it. picocli wraps greedily, so it
 * never leaves such a gap.
 */
class HelpLayoutTest {

    private static final int WIDTH = 80;
    /** A line's indentation, its last character, and the next line's indentation and first word. */
    private static final Pattern FIRST_WORD = Pattern.compile("^( *)([a-z][^ ]*)");

    @Test
    void noCommandsHelpBreaksASentenceByHand() {
        List<String> problems = new ArrayList<>();
        CommandLine root = StrataCli.commandModel();
        List<CommandLine> commands = new ArrayList<>();
        commands.add(root);
        commands.addAll(root.getSubcommands().values());
        for (CommandLine command : commands) {
            command.setUsageHelpAutoWidth(false);
            command.setUsageHelpWidth(WIDTH);
            String[] lines = command.getUsageMessage(CommandLine.Help.Ansi.OFF).split("\\R");
            for (int i = 0; i + 1 < lines.length; i++) {
                handBreak(lines[i], lines[i + 1])
                        .ifPresent(
                                problem -> problems.add(command.getCommandSpec().qualifiedName() + ": " + problem));
            }
            assertThat(lines)
                    .as(command.getCommandSpec().qualifiedName() + " fits in " + WIDTH + " columns")
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(WIDTH));
        }
        assertThat(problems).isEmpty();
    }

    /**
     * An indented line of a description or footer (a list item, an example) is printed as it is;
     * longer than the width, picocli would continue it at the left margin, mid-sentence.
     */
    @Test
    void everyIndentedLineFitsTheWidth() {
        CommandLine root = StrataCli.commandModel();
        List<CommandLine> commands = new ArrayList<>();
        commands.add(root);
        commands.addAll(root.getSubcommands().values());
        List<String> tooLong = new ArrayList<>();
        for (CommandLine command : commands) {
            CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            List<String> lines = new ArrayList<>(List.of(usage.description()));
            lines.addAll(List.of(usage.footer()));
            lines.stream()
                    .filter(line -> line.startsWith(" ") && line.length() > WIDTH - 1)
                    .forEach(line -> tooLong.add(command.getCommandSpec().qualifiedName() + ": " + line));
        }
        assertThat(tooLong).isEmpty();
    }

    @Test
    void theCheckFindsAHandBreakAndLetsPicocliWrapsThrough() {
        assertThat(handBreak("  Each migration and its", "  history row commit in one transaction."))
                .isPresent();
        assertThat(handBreak("  judged exactly as its gate judges it:", "  a finding that would delete rows"))
                .as("a sentence goes on after its colon")
                .isPresent();
        assertThat(handBreak("                          judges it:", "                        a finding that"))
                .as("an option's next description line, after a wrapped one")
                .isPresent();
        assertThat(handBreak("  these settings apply first:", "  - requires = \"staging\""))
                .as("a list after a colon")
                .isEmpty();
        assertThat(handBreak("  A sentence that ends here.", "  then another")).isEmpty();
        assertThat(handBreak("  x".repeat(26), "  long"))
                .as("the word would not have fitted")
                .isEmpty();
        assertThat(handBreak("  strata migrate", "      --dry-run"))
                .as("another indentation")
                .isEmpty();
        assertThat(handBreak("  0   done", "  1   failed"))
                .as("not a lower-case continuation")
                .isEmpty();
        assertThat(handBreak("  strata plan", "  strata plan --json"))
                .as("the next example")
                .isEmpty();
    }

    /** Why {@code line} ends by hand before {@code next}, or empty. */
    static java.util.Optional<String> handBreak(String line, String next) {
        String text = line.stripTrailing();
        // A sentence goes on after a comma, a colon or a semicolon; a list after a colon starts otherwise.
        if (text.isBlank()
                || !Character.isLetterOrDigit(text.charAt(text.length() - 1))
                        && ",:;".indexOf(text.charAt(text.length() - 1)) < 0) {
            return java.util.Optional.empty();
        }
        Matcher word = FIRST_WORD.matcher(next);
        // "strata" starts the next example.
        if (!word.find() || word.group(2).equals("strata")) {
            return java.util.Optional.empty();
        }
        // Another indentation is another column or a list item. In an option's description picocli
        // indents its own wrapped lines two columns right of the description's first line, so a line
        // end typed after a wrapped line shows as a next line two columns further left.
        int shift = indentation(line) - word.group(1).length();
        if (shift != 0 && shift != 2) {
            return java.util.Optional.empty();
        }
        // picocli fills a line up to one column short of the width.
        boolean fitted = text.length() + 1 + word.group(2).length() <= WIDTH - 1;
        return fitted
                ? java.util.Optional.of("'" + text.strip() + "' / '" + next.strip() + "'")
                : java.util.Optional.empty();
    }

    private static int indentation(String line) {
        int spaces = 0;
        while (spaces < line.length() && line.charAt(spaces) == ' ') {
            spaces++;
        }
        return spaces;
    }
}
