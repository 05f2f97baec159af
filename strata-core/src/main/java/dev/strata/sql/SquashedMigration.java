package dev.strata.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code -- strata:squashes VERSION CHECKSUM [NAME]} directive: the header of a baseline written by
 * {@code strata squash} names every migration it replaces, with the checksum that migration's file had,
 * so that a database which applied those files one by one is recognised as holding the baseline.
 *
 * @param version  the replaced migration's version as its file name wrote it ({@code 0007}, {@code 7})
 * @param checksum the checksum its file had (SHA-256, lower-case hex)
 * @param name     the descriptive part of its file name; empty when it had none
 * @param line     1-based line of the directive in the baseline
 */
public record SquashedMigration(String version, String checksum, String name, int line) {

    /** The directive's name, after {@code strata:}. */
    public static final String DIRECTIVE = "squashes";

    private static final Pattern VERSION = Pattern.compile("[0-9][0-9._-]*");
    private static final Pattern CHECKSUM = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]*");

    public SquashedMigration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(name, "name");
    }

    /** The directive as {@code strata squash} writes it. */
    public String directive() {
        return "-- strata:" + DIRECTIVE + " " + version + " " + checksum + (name.isEmpty() ? "" : " " + name);
    }

    /**
     * The squash directives in the header of a migration's text (the comments before its first
     * statement, which both engines write the same way), read without an engine's splitter so that
     * {@code status} can ask every file cheaply.
     *
     * @param source the file's name for messages
     * @return the directives and what is wrong with malformed ones
     */
    public static Read readHeader(String source, String text) {
        List<SquashedMigration> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!text.contains("strata:" + DIRECTIVE)) {
            return new Read(List.of(), List.of());
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.equals("\uFEFF")) {
                continue;
            }
            if (!line.startsWith("--")) {
                break; // the first statement ends the header
            }
            Directive directive = Directives.parse(line, i + 1, true);
            if (directive != null && directive.name().equals(DIRECTIVE)) {
                read(source, directive, found, problems);
            }
        }
        return new Read(List.copyOf(found), List.copyOf(problems));
    }

    /** Reads one directive's argument; used by the header reader and by the runner's directive checks. */
    public static void read(String source, Directive directive, List<SquashedMigration> into, List<String> problems) {
        String[] words = directive.argument().split("\\s+");
        if (words.length < 2
                || words.length > 3
                || !VERSION.matcher(words[0]).matches()
                || !CHECKSUM.matcher(words[1]).matches()
                || (words.length == 3 && !NAME.matcher(words[2]).matches())) {
            problems.add(source + ":" + directive.line() + ": '-- strata:" + DIRECTIVE + "' takes a version, the"
                    + " 64-digit checksum of the file it replaced and its name, e.g. '-- strata:" + DIRECTIVE
                    + " 0001 " + "0".repeat(64) + " create_users' (found '" + directive.argument() + "'); it is"
                    + " written by 'strata squash', restore it as that wrote it.");
            return;
        }
        into.add(new SquashedMigration(words[0], words[1], words.length == 3 ? words[2] : "", directive.line()));
    }

    /** The directives of one file and the problems of those that could not be read. */
    public record Read(List<SquashedMigration> squashed, List<String> problems) {}
}
