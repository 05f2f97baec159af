package dev.strata.source;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates the files of a new migration ({@code strata new NAME [--reversible]}).
 *
 * <p>The new migration follows the folder's existing conventions (version style, width, layout) so
 * that a project never ends up mixing styles by accident.
 */
public final class NewMigration {

    /** How the up script that {@code create} writes ends its only line: {@code -- add_posts: describe the change here}. */
    private static final String TEMPLATE_END = ": describe the change here";

    private static final Pattern TEMPLATE = Pattern.compile("--\\s*\\S+" + Pattern.quote(TEMPLATE_END));

    /** Whether {@code upSql} is still the up script exactly as {@code create} wrote it: nothing written yet. */
    public static boolean untouchedTemplate(String upSql) {
        return TEMPLATE.matcher(upSql.strip()).matches();
    }

    private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9_]+");
    private static final int TIMESTAMP_DIGITS = 14;
    /** {@code 2024-03-13-170000}: a diesel folder's version as written. */
    private static final int DIESEL_WIDTH = 17;

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private NewMigration() {}

    /** {@link #create(Path, List, String, boolean, Clock)} at the current time. */
    public static List<Path> create(Path migrationsDir, List<Migration> existing, String name, boolean reversible) {
        return create(migrationsDir, existing, name, reversible, Clock.systemUTC());
    }

    /**
     * Writes the new migration's files, creating the migrations folder when needed.
     *
     * @param migrationsDir the migrations folder
     * @param existing      the migrations already in it, as {@link MigrationDirectory#scan} found them
     * @param name          the name the user typed; lower-cased, spaces and dashes become {@code _}
     * @param reversible    whether to create a down script too
     * @param clock         the time source for timestamp versions
     * @return the created files: the up script, then the down script when reversible
     * @throws MigrationSourceException for an invalid name, a file that already exists, or an I/O error
     */
    public static List<Path> create(
            Path migrationsDir, List<Migration> existing, String name, boolean reversible, Clock clock) {
        return create(migrationsDir, existing, name, reversible, clock, false);
    }

    /**
     * Like {@link #create(Path, List, String, boolean, Clock)}; in a folder that wrangler reads
     * ({@code wranglerReads}), which runs every {@code .sql} file it holds as a migration, the up
     * script is a single file and the down script goes to the {@code down/} subfolder, out of its sight.
     */
    public static List<Path> create(
            Path migrationsDir,
            List<Migration> existing,
            String name,
            boolean reversible,
            Clock clock,
            boolean wranglerReads) {
        String normalName = normaliseName(name);
        Layout layout = wranglerReads ? Layout.SINGLE_FILE : layoutFor(existing, reversible);
        Written next = nextWritten(layout, newestWritten(existing), clock);
        String label = next.version().text() + "_" + normalName;
        List<String> texts = List.of("-- " + normalName + TEMPLATE_END + "\n", "-- revert " + label + "\n");
        List<Path> files = switch (layout) {
            case SINGLE_FILE ->
                reversible && wranglerReads
                        ? List.of(
                                migrationsDir.resolve(label + ".sql"),
                                migrationsDir
                                        .resolve(MigrationDirectory.DOWN_FOLDER)
                                        .resolve(label + ".sql"))
                        : List.of(migrationsDir.resolve(label + ".sql"));
            case DBMATE -> List.of(migrationsDir.resolve(label + ".sql"));
            case FLYWAY, FLYWAY_REPEATABLE ->
                reversible
                        ? List.of(
                                migrationsDir.resolve("V" + next.text() + "__" + normalName + ".sql"),
                                migrationsDir.resolve("U" + next.text() + "__" + normalName + ".sql"))
                        : List.of(migrationsDir.resolve("V" + next.text() + "__" + normalName + ".sql"));
            case UP_DOWN_PAIR ->
                List.of(migrationsDir.resolve(label + ".up.sql"), migrationsDir.resolve(label + ".down.sql"));
            case FOLDER, DIESEL ->
                reversible
                        ? List.of(
                                migrationsDir
                                        .resolve(next.text() + "_" + normalName)
                                        .resolve("up.sql"),
                                migrationsDir
                                        .resolve(next.text() + "_" + normalName)
                                        .resolve("down.sql"))
                        : List.of(migrationsDir
                                .resolve(next.text() + "_" + normalName)
                                .resolve("up.sql"));
        };
        for (Path file : files) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw alreadyExists(file);
            }
        }
        if (layout == Layout.DBMATE) {
            // One file holds both sections; a down section with no statements means "not reversible" to strata.
            texts = List.of(DbmateSections.file(texts.get(0), reversible ? texts.get(1) : ""));
        }
        write(files, texts, label);
        return files;
    }

    /**
     * The name as it goes into the file name: lower case, spaces and dashes as {@code _}.
     *
     * @throws MigrationSourceException when other characters remain
     */
    /** The longest name {@code new} accepts, so that the file name fits every file system. */
    public static final int MAX_NAME = 100;

    public static String normaliseName(String name) {
        String normal = name.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (!VALID_NAME.matcher(normal).matches()) {
            throw new MigrationSourceException("migration name '" + Printable.name(name) + "' is not usable in a"
                    + " file name: use letters a-z, digits, spaces, '-' or '_' (e.g. add_users_table)");
        }
        if (normal.length() > MAX_NAME) {
            // File systems allow 255 bytes per name, and the version and .down.sql come on top.
            throw new MigrationSourceException("migration name '" + normal.substring(0, 20) + "...' is "
                    + normal.length() + " characters long; use at most " + MAX_NAME);
        }
        return normal;
    }

    /**
     * The version after the newest existing one: a UTC timestamp when the folder uses 14-digit
     * timestamps, else the next number padded to the newest's width; {@code 0001} for the first.
     */
    static Version nextVersion(List<Migration> existing, Clock clock) {
        return nextVersion(
                existing.stream()
                        .map(Migration::version)
                        .filter(v -> !v.repeatable())
                        .max(Comparator.naturalOrder()),
                clock);
    }

    /** The version the next migration created now would get. */
    public static Version nextVersion(List<Migration> existing) {
        return nextVersion(existing, Clock.systemUTC());
    }

    private static Version nextVersion(Optional<Version> newest, Clock clock) {
        if (newest.isEmpty()) {
            return Version.parse("0001");
        }
        Version last = newest.get();
        if (last.parts().size() > 1) {
            // A dotted version (Flyway's 1.1): the next whole number, as Flyway users count.
            return Version.parse(last.major().add(BigInteger.ONE).toString());
        }
        if (last.text().length() == TIMESTAMP_DIGITS) {
            Version now = Version.parse(TIMESTAMP.format(clock.instant()));
            // Two migrations created within a second, or a clock behind the newest: still move forward.
            return now.compareTo(last) > 0
                    ? now
                    : Version.parse(last.major().add(BigInteger.ONE).toString());
        }
        String next = last.major().add(BigInteger.ONE).toString();
        return Version.parse("0".repeat(Math.max(0, last.text().length() - next.length())) + next);
    }

    /**
     * A version and the way it is written in the file name: {@code 1_28} for Flyway's
     * {@code V1_28__x.sql} (version 1.28), {@code 2024-03-13-170000} for a diesel folder.
     */
    private record Written(Version version, String text) {}

    /** The newest versioned migration and its version as its file name writes it. */
    private static Optional<Written> newestWritten(List<Migration> existing) {
        return existing.stream()
                .filter(m -> !m.version().repeatable())
                .max(Comparator.comparing(Migration::version))
                .map(m -> new Written(m.version(), writtenVersion(m)));
    }

    private static String writtenVersion(Migration m) {
        return switch (m.layout()) {
            case FLYWAY -> {
                String file = m.upFile().getFileName().toString();
                yield file.substring(1, file.indexOf("__"));
            }
            case DIESEL -> {
                // 2024-03-13-170000_name as written; diesel's 00000000000000_diesel_initial_setup by its digits.
                String folder = m.upFile().getParent().getFileName().toString();
                yield folder.length() >= DIESEL_WIDTH && folder.charAt(4) == '-'
                        ? folder.substring(0, DIESEL_WIDTH)
                        : m.version().text();
            }
            default -> m.version().text();
        };
    }

    /**
     * The version after {@code newest}, written as the folder writes its versions: Flyway's dotted or
     * underscored versions go on in their last part ({@code 1_27} gives {@code 1_28}, as Flyway users
     * count); diesel's timestamps keep their dashes.
     */
    private static Written nextWritten(Layout layout, Optional<Written> newest, Clock clock) {
        if (newest.isPresent() && newest.get().version().parts().size() > 1) {
            String last = newest.get().text();
            int cut = Math.max(last.lastIndexOf('.'), last.lastIndexOf('_')) + 1;
            String part = last.substring(cut);
            String next = new BigInteger(part).add(BigInteger.ONE).toString();
            String written = last.substring(0, cut) + "0".repeat(Math.max(0, part.length() - next.length())) + next;
            return new Written(Version.parse(written.replace('_', '.')), written);
        }
        Version next = nextVersion(newest.map(Written::version), clock);
        if (layout == Layout.DIESEL && next.text().length() == TIMESTAMP_DIGITS) {
            // diesel writes 2024-03-13-170000 or 2024-03-13_170000; keep to the one the folder uses.
            char separator = newest.filter(w -> w.text().length() == DIESEL_WIDTH)
                    .map(w -> w.text().charAt(10))
                    .orElse('-');
            String t = next.text();
            return new Written(
                    next,
                    t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6, 8) + separator + t.substring(8));
        }
        return new Written(next, next.text());
    }

    /** A migration's name and the text of its up script, for {@link #createWithText}. */
    public record Text(String name, String sql) {}

    /**
     * Writes migrations whose text is already known (generated ones), one after the other, with
     * consecutive versions in the folder's style; never a down script. All files are created, or none.
     *
     * @return the created up scripts, in order
     * @throws MigrationSourceException for an invalid name, a file that already exists, or an I/O error
     */
    public static List<Path> createWithText(Path migrationsDir, List<Migration> existing, List<Text> migrations) {
        Layout layout = layoutFor(existing, false);
        Optional<Written> newest = newestWritten(existing);
        List<Path> files = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Text migration : migrations) {
            Written version = nextWritten(layout, newest, Clock.systemUTC());
            newest = Optional.of(version);
            String name = normaliseName(migration.name());
            String label = version.text() + "_" + name;
            Path file = switch (layout) {
                case FOLDER, DIESEL -> migrationsDir.resolve(label).resolve("up.sql");
                case FLYWAY, FLYWAY_REPEATABLE -> migrationsDir.resolve("V" + version.text() + "__" + name + ".sql");
                default -> migrationsDir.resolve(label + ".sql");
            };
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw alreadyExists(file);
            }
            files.add(file);
            // dbmate keeps both directions in one file; an empty down section means "not reversible".
            texts.add(layout == Layout.DBMATE ? DbmateSections.file(migration.sql(), "") : migration.sql());
        }
        write(files, texts, files.isEmpty() ? "" : files.get(0).getFileName().toString());
        return List.copyOf(files);
    }

    /** The layout to create, following the folder's existing habits. */
    static Layout layoutFor(List<Migration> existing, boolean reversible) {
        Optional<Layout.Family> foreign = existing.stream()
                .map(m -> m.layout().family())
                .filter(family -> family != Layout.Family.STRATA)
                .findFirst();
        if (foreign.isPresent()) {
            return foreign.get() == Layout.Family.FLYWAY ? Layout.FLYWAY : Layout.DBMATE;
        }
        boolean allFolders = !existing.isEmpty()
                && existing.stream().allMatch(m -> m.layout() == Layout.FOLDER || m.layout() == Layout.DIESEL);
        // A diesel project's folders are named by timestamp with dashes, whatever else the folder holds.
        Layout folder = existing.stream()
                .max(Comparator.comparing(Migration::version))
                .filter(m -> m.layout() == Layout.DIESEL)
                .map(Migration::layout)
                .orElse(Layout.FOLDER);
        if (!reversible) {
            return allFolders ? folder : Layout.SINGLE_FILE;
        }
        Optional<Migration> newestReversible =
                existing.stream().filter(m -> m.downFile().isPresent()).max(Comparator.comparing(Migration::version));
        if (newestReversible.isPresent()) {
            Layout layout = newestReversible.get().layout();
            return layout == Layout.FOLDER || layout == Layout.DIESEL ? folder : Layout.UP_DOWN_PAIR;
        }
        return allFolders ? folder : Layout.UP_DOWN_PAIR;
    }

    /** Creates every file or, when one fails, none: a half-created pair would confuse the next scan. */
    private static void write(List<Path> files, List<String> texts, String label) {
        // Undo runs front to back, so files go in before the folders that hold them.
        List<Path> created = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                if (!Files.isDirectory(file.getParent())) {
                    created.addAll(0, createFolders(file.getParent()));
                }
                Files.write(
                        file,
                        texts.get(i).getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                created.add(0, file);
            }
        } catch (FileAlreadyExistsException e) {
            undo(created);
            throw alreadyExists(Path.of(e.getFile()));
        } catch (IOException e) {
            undo(created);
            throw new MigrationSourceException(
                    "can't create " + label + " in " + files.get(0).getParent() + " (" + SourceFiles.reason(e)
                            + "); check that the migrations folder is writable");
        }
    }

    /** The folders that had to be created, deepest first, so that undoing can delete them in order. */
    private static List<Path> createFolders(Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        Files.createDirectories(folder);
        return missing;
    }

    private static MigrationSourceException alreadyExists(Path file) {
        return new MigrationSourceException(
                file + " already exists; strata new never overwrites files, " + "pick another name or remove it");
    }

    private static void undo(List<Path> created) {
        for (Path p : created) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // Best effort: the original error is the one worth reporting.
            }
        }
    }
}
