package dev.strata.source;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the migrations in a migrations folder.
 *
 * <p>The folder is listed once; pairs are matched against that listing rather than probed one by
 * one, and each up script is read exactly once, so thousands of migrations scan quickly. Every
 * problem is collected before anything is thrown, so the user fixes the folder in one pass.
 */
public final class MigrationDirectory {

    /** A name's stem: the version, then optionally {@code _} and a descriptive name. */
    private static final Pattern VERSIONED = Pattern.compile("([0-9]+)(?:_(.+))?");
    /**
     * diesel's folder names: {@code 2025-01-23-000001_name}, diesel 2.3's {@code 2025-11-19-091444-0000_name},
     * and hand-made ones such as {@code 2023-10-06-10000_name} or {@code 2022-12-07-110000} (no name).
     * diesel takes the name up to the first {@code _} and removes the dashes: that text is the version
     * it records. {@code 2025-01-23_000001_name} is read as {@code 20250123000001} too.
     */
    private static final Pattern DIESEL_FOLDER =
            Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{6}|[0-9]+(?:-[0-9]+)+)(?:_(.+))?");

    private static final String EXPECTED_FORMS = "expected 0001_name.sql, 0001_name.up.sql (with an optional "
            + "0001_name.down.sql), a folder 0001_name/ holding up.sql, or Flyway's V1__name.sql";

    private static final String UP = ".up.sql";
    private static final String DOWN = ".down.sql";
    private static final String SQL = ".sql";
    private static final String FOLDER_UP = "up.sql";
    private static final String FOLDER_DOWN = "down.sql";
    /** The subfolder holding down scripts of single-file migrations, out of wrangler's sight. */
    public static final String DOWN_FOLDER = "down";

    private MigrationDirectory() {}

    /** A migration found by name, before its up script is read. */
    private record Candidate(
            Version version,
            String name,
            Layout layout,
            Path upFile,
            String upSource,
            Optional<Path> downFile,
            String shownAs) {}

    /**
     * Every migration in {@code migrationsDir}, ordered by version number.
     *
     * @param projectDir    the project folder; sources are shown relative to it
     * @param migrationsDir the migrations folder, absolute or relative to {@code projectDir}
     * @throws MigrationSourceException listing every problem found in the folder
     */
    public static List<Migration> scan(Path projectDir, Path migrationsDir) {
        Path project = projectDir.toAbsolutePath().normalize();
        Path dir = project.resolve(migrationsDir).normalize();
        String shownDir = shownDir(project, dir, migrationsDir);
        Set<String> names = list(project, dir, shownDir);

        List<String> problems = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Path> undoScripts = undoScripts(dir, shownDir, names, problems);
        Map<String, List<String>> upsByVersion = byVersion(names, UP);
        Map<String, List<String>> downsByVersion = byVersion(names, DOWN);
        Set<String> downFolder = downFolder(dir, shownDir, names, problems);
        // diesel reads only its folders: a loose .sql file beside them (a data script) is not a migration to it.
        boolean diesel = names.stream()
                .anyMatch(name -> DIESEL_FOLDER.matcher(name).matches() && Files.isDirectory(dir.resolve(name)));
        for (String fileName : names) {
            Path entry = dir.resolve(fileName);
            String shown = join(shownDir, fileName);
            if (!Printable.name(fileName).equals(fileName)) {
                // Such a name would reach labels, the history and every message; refused here, it never does.
                if (fileName.endsWith(SQL) || Files.isDirectory(entry)) {
                    problems.add(shown + ": the name holds control characters (shown escaped here); rename it"
                            + " with letters, digits, '_' and '.' only");
                }
                continue;
            }
            if (FlywayNames.looksLikeFlyway(fileName)) {
                flyway(fileName, entry, shown, undoScripts, problems, candidates);
            } else if (fileName.endsWith(DOWN)) {
                String stem = stem(fileName, DOWN);
                if (!names.contains(stem + UP)
                        && versionId(stem).map(upsByVersion::get).isEmpty()) {
                    problems.add(shown + ": down script without its up script; add " + join(shownDir, stem + UP)
                            + " or remove this file");
                }
            } else if (fileName.endsWith(UP)) {
                Optional<Path> down = downFor(stem(fileName, UP), downsByVersion, shownDir, problems)
                        .map(dir::resolve);
                candidate(stem(fileName, UP), Layout.UP_DOWN_PAIR, entry, shown, down, shown, problems, candidates);
            } else if (fileName.endsWith(SQL)
                    && diesel
                    && !VERSIONED.matcher(stem(fileName, SQL)).matches()) {
                // A loose unnumbered .sql file beside diesel's folders: a data script, not a migration.
            } else if (fileName.endsWith(SQL)) {
                Optional<Path> down = downFolder.contains(fileName)
                        ? Optional.of(dir.resolve(DOWN_FOLDER).resolve(fileName))
                        : Optional.empty();
                candidate(stem(fileName, SQL), Layout.SINGLE_FILE, entry, shown, down, shown, problems, candidates);
            } else if (Files.isDirectory(entry)) {
                folder(entry, fileName, shownDir, problems, candidates);
            }
            // Anything else (README.md, notes, editor leftovers) is not ours to judge.
        }
        List<Candidate> unique = withoutDuplicates(candidates, problems);
        List<Migration> migrations = new ArrayList<>(unique.size());
        List<Path> roots = roots(project, dir);
        Map<Path, Optional<Path>> realFolders = new HashMap<>();
        for (Candidate c : unique) {
            try {
                insideProject(c.upFile(), c.upSource(), roots, realFolders);
                if (c.downFile().isPresent() && !c.downFile().get().equals(c.upFile())) {
                    insideProject(
                            c.downFile().get(),
                            c.upSource().substring(0, c.upSource().lastIndexOf('/') + 1)
                                    + Printable.name(
                                            c.downFile().get().getFileName().toString()),
                            roots,
                            realFolders);
                }
                migrations.add(read(c));
            } catch (MigrationSourceException e) {
                problems.addAll(e.problems());
            }
        }
        mixedFamilies(migrations).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new MigrationSourceException(problems);
        }
        List<Migration> ordered = new ArrayList<>(dieselProject(migrations));
        ordered.sort(Comparator.comparing(Migration::version));
        return List.copyOf(ordered);
    }

    /**
     * The text of a migration's down script.
     *
     * @throws MigrationSourceException when it has none, or it can't be read as UTF-8
     */
    public static String readDown(Migration migration) {
        MigrationSourceException none = new MigrationSourceException(migration.upSource()
                + ": migration " + migration.label() + " has no down script, so it can't be reverted; "
                + howToAddDown(migration));
        Path down = migration.downFile().orElseThrow(() -> none);
        String text = SourceFiles.read(down, downSource(migration, down));
        String script = migration.layout() == Layout.DBMATE
                ? DbmateSections.down(text, migration.upSource()).orElseThrow(() -> none)
                : text;
        if (SqlComments.onlyComments(script)) {
            throw new MigrationSourceException(downSource(migration, down) + ": the down script of "
                    + migration.label() + " is empty (or holds only comments), which marks the migration as"
                    + " irreversible, as diesel does; it can't be reverted. Write the statements that revert it"
                    + " there to make it reversible.");
        }
        return script;
    }

    /**
     * Whether the migration has a down file that holds no statements: diesel's way of saying that it
     * can't be reverted. Such a migration is irreversible, not broken.
     *
     * @throws MigrationSourceException when the down file can't be read
     */
    public static boolean markedIrreversible(Migration migration) {
        if (migration.downFile().isEmpty() || migration.layout() == Layout.DBMATE) {
            // An empty dbmate down section already counts as no down script when the folder is read.
            return false;
        }
        Path down = migration.downFile().get();
        return SqlComments.onlyComments(SourceFiles.read(down, downSource(migration, down)));
    }

    /**
     * The folders a migration's file may really be in (links resolved): the project's and the
     * migrations folder's, which may be configured elsewhere.
     */
    private static List<Path> roots(Path project, Path dir) {
        List<Path> roots = new ArrayList<>(2);
        for (Path root : List.of(project, dir)) {
            try {
                roots.add(root.toRealPath());
            } catch (IOException e) {
                roots.add(root);
            }
        }
        return roots;
    }

    /**
     * Refuses a file that is, through a symbolic link, outside the project and the migrations folder
     * (a link to {@code ~/.pgpass} or {@code /proc/self/environ}): strata would run it, print its
     * statements on --dry-run and quote them when one fails, into a CI log. It is refused before it
     * is read.
     */
    private static void insideProject(
            Path file, String shownAs, List<Path> roots, Map<Path, Optional<Path>> realFolders) {
        Optional<Path> real = realPath(file, realFolders);
        if (real.isEmpty()) {
            return; // missing or unreadable: reading it says so, with the reason
        }
        if (roots.stream().noneMatch(real.get()::startsWith)) {
            throw new MigrationSourceException(shownAs + ": is a symbolic link to a file outside the project; strata"
                    + " runs only migration files inside the project. Copy the file into the migrations folder"
                    + " instead of linking to it.");
        }
    }

    /**
     * The file's real path: its folder's real path (resolved once per folder: thousands of files share
     * a few, and resolving walks every component of the path) with its name, unless the file itself is
     * a symbolic link, which is resolved on its own. Empty when it can't be resolved.
     */
    private static Optional<Path> realPath(Path file, Map<Path, Optional<Path>> realFolders) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder == null || Files.isSymbolicLink(file)) {
                return Optional.of(file.toRealPath());
            }
            Optional<Path> realFolder = realFolders.computeIfAbsent(folder, MigrationDirectory::realOrEmpty);
            return realFolder.map(real -> real.resolve(file.getFileName()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> realOrEmpty(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The migration's down script as shown in messages; empty when it has none. */
    public static Optional<String> downSource(Migration migration) {
        return migration.downFile().map(down -> downSource(migration, down));
    }

    /** The down script's name as shown in messages: beside the up script's shown name. */
    static String downSource(Migration migration, Path down) {
        String up = migration.upSource();
        Path relative = migration.upFile().getParent() == null
                ? down.getFileName()
                : migration.upFile().getParent().relativize(down);
        return up.substring(0, up.lastIndexOf('/') + 1)
                + Printable.name(relative.toString().replace('\\', '/'));
    }

    private static String howToAddDown(Migration m) {
        String folder = m.upSource().substring(0, m.upSource().lastIndexOf('/') + 1);
        return switch (m.layout()) {
            case SINGLE_FILE ->
                "to make it reversible, add " + folder + DOWN_FOLDER + "/" + m.label() + SQL + ", or rename it to "
                        + folder + m.label() + UP + " and add " + folder + m.label() + DOWN;
            case UP_DOWN_PAIR -> "add " + folder + m.label() + DOWN;
            case FOLDER, DIESEL -> "add " + folder + FOLDER_DOWN;
            case FLYWAY -> "add the undo script " + folder + "U" + m.version().text() + "__" + m.name() + SQL;
            case FLYWAY_REPEATABLE -> "a repeatable migration is re-run when it changes and is never reverted";
            case DBMATE -> "add a '-- migrate:down' section with the statements that revert it";
        };
    }

    /** Reads a candidate's up script; a single .sql file holding dbmate's sections becomes a dbmate migration. */
    private static Migration read(Candidate c) {
        String sql = SourceFiles.read(c.upFile(), c.upSource());
        if (c.layout() == Layout.SINGLE_FILE && DbmateSections.isDbmate(sql)) {
            DbmateSections.Sections sections = DbmateSections.split(sql, c.upSource());
            Optional<Path> down = sections.down().isPresent() ? Optional.of(c.upFile()) : Optional.empty();
            return new Migration(
                    c.version(),
                    c.name(),
                    Layout.DBMATE,
                    c.upFile(),
                    c.upSource(),
                    sections.up(),
                    Checksums.sha256(sections.up()),
                    down);
        }
        return new Migration(
                c.version(), c.name(), c.layout(), c.upFile(), c.upSource(), sql, Checksums.sha256(sql), c.downFile());
    }

    /**
     * In a folder of diesel's dated folders, the other folders are diesel's too (its
     * {@code 00000000000000_diesel_initial_setup}, older {@code 20170305095748_name} folders), and run
     * as diesel runs them: every version then orders by its text, as diesel orders them.
     */
    private static List<Migration> dieselProject(List<Migration> migrations) {
        if (migrations.stream().noneMatch(m -> m.layout() == Layout.DIESEL)) {
            return migrations;
        }
        return migrations.stream()
                .map(m -> new Migration(
                        m.version().textOrdered(),
                        m.name(),
                        m.layout() == Layout.FOLDER ? Layout.DIESEL : m.layout(),
                        m.upFile(),
                        m.upSource(),
                        m.upSql(),
                        m.checksum(),
                        m.downFile()))
                .toList();
    }

    /** A problem when the folder mixes naming families: each tool would only understand part of it. */
    private static Optional<String> mixedFamilies(List<Migration> migrations) {
        Map<Layout.Family, Migration> firstOfFamily = new java.util.EnumMap<>(Layout.Family.class);
        for (Migration m : migrations) {
            firstOfFamily.putIfAbsent(m.layout().family(), m);
        }
        if (firstOfFamily.size() < 2) {
            return Optional.empty();
        }
        return Optional.of("the migrations folder mixes layouts: "
                + firstOfFamily.entrySet().stream()
                        .map(e -> e.getKey().description() + ", e.g. "
                                + e.getValue().upSource())
                        .collect(Collectors.joining("; "))
                + ". Keep to one layout per folder: rename the files of the others.");
    }

    /**
     * The down scripts kept in the {@code down/} subfolder, each named as its up script: where a folder
     * that wrangler reads keeps them, since wrangler runs every {@code .sql} file of its folder.
     */
    private static Set<String> downFolder(Path dir, String shownDir, Set<String> names, List<String> problems) {
        Path folder = dir.resolve(DOWN_FOLDER);
        if (!names.contains(DOWN_FOLDER) || !Files.isDirectory(folder)) {
            return Set.of();
        }
        Set<String> downs = list(dir, folder, join(shownDir, DOWN_FOLDER)).stream()
                .filter(name -> name.endsWith(SQL))
                .collect(Collectors.toCollection(TreeSet::new));
        for (String name : downs) {
            if (!names.contains(name)) {
                problems.add(join(shownDir, DOWN_FOLDER + "/" + name) + ": down script without its up script; add "
                        + join(shownDir, name) + " or remove this file");
            }
        }
        return downs;
    }

    /** The names ending in {@code suffix} whose stem starts with a version, by version id. */
    private static Map<String, List<String>> byVersion(Set<String> names, String suffix) {
        Map<String, List<String>> byVersion = new java.util.HashMap<>();
        for (String fileName : names) {
            if (fileName.endsWith(suffix) && !FlywayNames.looksLikeFlyway(fileName)) {
                versionId(stem(fileName, suffix))
                        .ifPresent(id -> byVersion
                                .computeIfAbsent(id, k -> new ArrayList<>())
                                .add(fileName));
            }
        }
        return byVersion;
    }

    private static Optional<String> versionId(String stem) {
        Matcher m = VERSIONED.matcher(stem);
        return m.matches() ? Optional.of(Version.parse(m.group(1)).id()) : Optional.empty();
    }

    /**
     * The down script of the up script {@code upStem}: the one with the same name, else the one with
     * the same version, as golang-migrate pairs {@code 1_create.up.sql} with {@code 1_drop.down.sql}.
     */
    private static Optional<String> downFor(
            String upStem, Map<String, List<String>> downsByVersion, String shownDir, List<String> problems) {
        List<String> sameVersion = versionId(upStem).map(downsByVersion::get).orElse(List.of());
        if (sameVersion.contains(upStem + DOWN) || sameVersion.size() == 1) {
            return Optional.of(sameVersion.contains(upStem + DOWN) ? upStem + DOWN : sameVersion.get(0));
        }
        if (sameVersion.size() > 1) {
            problems.add(join(shownDir, upStem + UP) + ": more than one down script has its version ("
                    + sameVersion.stream().map(name -> join(shownDir, name)).collect(Collectors.joining(", "))
                    + "); keep one, or name it " + upStem + DOWN);
        }
        return Optional.empty();
    }

    /** Flyway's undo scripts ({@code U1__name.sql}) by version id, to pair with their versioned scripts. */
    private static Map<String, Path> undoScripts(Path dir, String shownDir, Set<String> names, List<String> problems) {
        Map<String, Path> undo = new java.util.HashMap<>();
        Set<String> versioned = new java.util.HashSet<>();
        for (String fileName : names) {
            Optional<FlywayNames.Name> name = FlywayNames.parse(fileName);
            if (name.isPresent() && name.get().kind() == FlywayNames.Kind.UNDO) {
                undo.put(name.get().version().id(), dir.resolve(fileName));
            } else if (name.isPresent() && name.get().kind() == FlywayNames.Kind.VERSIONED) {
                versioned.add(name.get().version().id());
            }
        }
        for (Map.Entry<String, Path> e : undo.entrySet()) {
            if (!versioned.contains(e.getKey())) {
                problems.add(join(shownDir, e.getValue().getFileName().toString()) + ": undo script without its"
                        + " versioned migration; add V" + e.getKey() + "__NAME.sql or remove this file");
            }
        }
        return undo;
    }

    private static void flyway(
            String fileName,
            Path entry,
            String shown,
            Map<String, Path> undoScripts,
            List<String> problems,
            List<Candidate> candidates) {
        Optional<FlywayNames.Name> parsed = FlywayNames.parse(fileName);
        if (parsed.isEmpty()) {
            problems.add(shown + ": not a valid Flyway name; expected V1__name.sql, V1.1__name.sql, U1__name.sql"
                    + " or R__name.sql");
            return;
        }
        FlywayNames.Name name = parsed.get();
        switch (name.kind()) {
            case VERSIONED ->
                candidates.add(new Candidate(
                        name.version(),
                        name.description(),
                        Layout.FLYWAY,
                        entry,
                        shown,
                        Optional.ofNullable(undoScripts.get(name.version().id())),
                        shown));
            case REPEATABLE ->
                candidates.add(new Candidate(
                        name.version(),
                        name.description(),
                        Layout.FLYWAY_REPEATABLE,
                        entry,
                        shown,
                        Optional.empty(),
                        shown));
            case UNDO -> {} // paired with its versioned script above
        }
    }

    private static void folder(
            Path entry, String fileName, String shownDir, List<String> problems, List<Candidate> candidates) {
        Path up = entry.resolve(FOLDER_UP);
        boolean hasUp = Files.isRegularFile(up);
        String shownFolder = join(shownDir, fileName) + "/";
        Matcher diesel = DIESEL_FOLDER.matcher(fileName);
        if (!VERSIONED.matcher(fileName).matches() && !diesel.matches()) {
            if (hasUp) {
                problems.add(shownFolder + ": folder holds up.sql but its name has no version; " + EXPECTED_FORMS);
            }
            // Other unversioned folders (seeds, docs) are left alone.
            return;
        }
        if (!hasUp) {
            problems.add(shownFolder + ": migration folder has no up.sql; add up.sql (and optionally down.sql) "
                    + "or rename the folder so it doesn't start with a version");
            return;
        }
        Path down = entry.resolve(FOLDER_DOWN);
        Optional<Path> downFile = Files.isRegularFile(down) ? Optional.of(down) : Optional.empty();
        if (diesel.matches()) {
            String version = diesel.group(1).replace("-", "").replace("_", "");
            candidates.add(new Candidate(
                    Version.parse(version),
                    diesel.group(2) == null ? "" : diesel.group(2),
                    Layout.DIESEL,
                    up,
                    shownFolder + FOLDER_UP,
                    downFile,
                    shownFolder));
            return;
        }
        candidate(fileName, Layout.FOLDER, up, shownFolder + FOLDER_UP, downFile, shownFolder, problems, candidates);
    }

    private static void candidate(
            String stem,
            Layout layout,
            Path upFile,
            String upSource,
            Optional<Path> down,
            String shownAs,
            List<String> problems,
            List<Candidate> candidates) {
        Matcher m = VERSIONED.matcher(stem);
        if (!m.matches()) {
            problems.add(shownAs + ": name has no version; " + EXPECTED_FORMS);
            return;
        }
        String name = m.group(2) == null ? "" : m.group(2);
        candidates.add(new Candidate(Version.parse(m.group(1)), name, layout, upFile, upSource, down, shownAs));
    }

    /** Keeps migrations whose version number is theirs alone; reports the others once per number. */
    private static List<Candidate> withoutDuplicates(List<Candidate> candidates, List<String> problems) {
        TreeMap<String, List<Candidate>> byId = candidates.stream()
                .collect(Collectors.groupingBy(c -> c.version().id(), TreeMap::new, Collectors.toList()));
        List<Candidate> unique = new ArrayList<>(candidates.size());
        for (List<Candidate> same : byId.values()) {
            if (same.size() == 1) {
                unique.add(same.get(0));
            } else {
                problems.add("version " + same.get(0).version().id() + " is used by more than one migration: "
                        + same.stream().map(Candidate::shownAs).collect(Collectors.joining(", "))
                        + "; give each migration its own version");
            }
        }
        return unique;
    }

    /** The folder's entry names, sorted so messages come out in a stable order; hidden entries skipped. */
    private static Set<String> list(Path project, Path dir, String shownDir) {
        if (Files.notExists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw notFound(project, shownDir);
        }
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".")) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            // A symbolic link pointing nowhere: as good as missing.
            throw notFound(project, shownDir);
        } catch (NotDirectoryException e) {
            throw new MigrationSourceException("migrations folder '" + shownDir + "' is a file, not a folder; "
                    + "point --dir / [migrations] dir at the folder holding the migrations");
        } catch (IOException | DirectoryIteratorException e) {
            IOException io = e instanceof DirectoryIteratorException die ? die.getCause() : (IOException) e;
            throw new MigrationSourceException("migrations folder '" + shownDir + "' can't be listed ("
                    + SourceFiles.reason(io) + "); check that it is a readable folder");
        }
        return names;
    }

    private static MigrationSourceException notFound(Path project, String shownDir) {
        return new MigrationSourceException("migrations folder '" + shownDir + "' not found in " + project
                + "; create it or set --dir / [migrations] dir");
    }

    /** The folder as shown in messages: relative to the project when inside it, else as given. */
    private static String shownDir(Path project, Path dir, Path given) {
        Path shown = dir.startsWith(project) ? project.relativize(dir) : given;
        return Printable.name(shown.toString().replace('\\', '/'));
    }

    private static String join(String shownDir, String name) {
        return shownDir.isEmpty() ? Printable.name(name) : shownDir + "/" + Printable.name(name);
    }

    private static String stem(String fileName, String suffix) {
        return fileName.substring(0, fileName.length() - suffix.length());
    }
}
