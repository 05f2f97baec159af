package dev.strata.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code -- strata:squashes VERSION CHECKSUM [NAME] [within=V]} directive: the header of a baseline
 * written by {@code strata squash} names every migration it replaces, with the checksum that
 * migration's file had, so that a database which applied those files one by one is recognised as
 * holding the baseline.
 *
 * <p>When a squash replaces an earlier baseline of version V, the files that earlier baseline
 * replaced are listed too, marked {@code within=V}: a database holds V either as the earlier baseline
 * (its checksum) or as all of those.
 *
 * @param version  the replaced migration's version as its file name wrote it ({@code 0007}, {@code 7})
 * @param checksum the checksum its file had (SHA-256, lower-case hex)
 * @param name     the descriptive part of its file name; empty when it had none
 * @param within   the version of the earlier baseline this file was replaced by; empty for the files
 *                 this baseline replaces itself
 * @param line     1-based line of the directive in the baseline
 */
public record SquashedMigration(String version, String checksum, String name, String within, int line) {

    /** The directive's name, after {@code strata:}. */
    public static final String DIRECTIVE = "squashes";

    private static final Pattern VERSION = Pattern.compile("[0-9][0-9._-]*");
    private static final Pattern CHECKSUM = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]*");
    private static final String WITHIN = "within=";

    public SquashedMigration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(within, "within");
    }

    /** A file this baseline replaces itself. */
    public SquashedMigration(String version, String checksum, String name, int line) {
        this(version, checksum, name, "", line);
    }

    /** The directive as {@code strata squash} writes it. */
    public String directive() {
        return "-- strata:" + DIRECTIVE + " " + version + " " + checksum + (name.isEmpty() ? "" : " " + name)
                + (within.isEmpty() ? "" : " " + WITHIN + within);
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
        List<String> words = new ArrayList<>(List.of(directive.argument().split("\\s+")));
        String within = "";
        if (!words.isEmpty() && words.get(words.size() - 1).startsWith(WITHIN)) {
            within = words.remove(words.size() - 1).substring(WITHIN.length());
        }
        if (words.size() < 2
                || words.size() > 3
                || !VERSION.matcher(words.get(0)).matches()
                || !CHECKSUM.matcher(words.get(1)).matches()
                || (words.size() == 3 && !NAME.matcher(words.get(2)).matches())
                || (!within.isEmpty() && !VERSION.matcher(within).matches())) {
            problems.add(source + ":" + directive.line() + ": '-- strata:" + DIRECTIVE + "' takes a version, the"
                    + " 64-digit checksum of the file it replaced and its name, e.g. '-- strata:" + DIRECTIVE
                    + " 0001 " + "0".repeat(64)
                    + " create_users', then within=V for a file an earlier baseline V replaced"
                    + " (found '" + directive.argument() + "'); it is"
                    + " written by 'strata squash', restore it as that wrote it.");
            return;
        }
        into.add(new SquashedMigration(
                words.get(0), words.get(1), words.size() == 3 ? words.get(2) : "", within, directive.line()));
    }

    /** The directives of one file and the problems of those that could not be read. */
    public record Read(List<SquashedMigration> squashed, List<String> problems) {}
}
