package dev.strata.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The migration tools of the corpus, each with the way it finds its files and the way it runs one,
 * as read in the tool's own source: that is the reference strata's result is compared with.
 */
enum Tool {
    /**
     * diesel: a folder per migration whose name up to the first {@code _} is the version, dashes
     * removed, sorted as text; {@code up.sql} runs inside one transaction unless the folder's
     * {@code metadata.toml} says {@code run_in_transaction = false}, when the whole file goes to the
     * server as one batch. diesel's SQLite connection leaves foreign keys off.
     */
    DIESEL("diesel", false),
    /**
     * SQLx: {@code VERSION_name.sql} (or {@code .up.sql}), versions as integers; each file runs
     * inside one transaction unless its first line is {@code -- no-transaction}. SQLx's SQLite
     * connections turn foreign keys on.
     */
    SQLX("SQLx", true),
    /**
     * Flyway: {@code V1_2__name.sql}, versions compared part by part; each file in one transaction,
     * except a file of statements PostgreSQL can't run in one ({@code CREATE/DROP INDEX
     * CONCURRENTLY} here), which Flyway detects and runs statement by statement.
     */
    FLYWAY("Flyway", false),
    /**
     * golang-migrate: {@code N_name.up.sql}, N an integer; each file is sent to the server as it is,
     * in one call, with no transaction around it (PostgreSQL runs a multi-statement string as one
     * implicit transaction unless the file holds its own BEGIN/COMMIT). Its SQLite driver wraps each
     * file in BEGIN/COMMIT (unless configured with {@code NoTxWrap}, which the corpus's SQLite project
     * does not set).
     */
    GOLANG_MIGRATE("golang-migrate", false),
    /**
     * dbmate: {@code VERSION_name.sql} files taken in the order of their names; of each file only the
     * section between {@code -- migrate:up} and {@code -- migrate:down} runs, inside one transaction
     * unless the up line says {@code transaction:false}, when the section goes to the server as one
     * query string. Its SQLite driver leaves foreign keys off.
     */
    DBMATE("dbmate", false),
    /** wrangler d1: the real wrangler, {@code d1 migrations apply --local}; D1 enforces foreign keys. */
    WRANGLER("wrangler d1", true);

    private static final Pattern SQLX_FILE = Pattern.compile("(\\d+)_.*?(\\.up)?\\.sql");
    private static final Pattern FLYWAY_FILE = Pattern.compile("V([0-9._]+)__.*\\.sql");
    private static final Pattern CONCURRENTLY = Pattern.compile("(?i)\\bINDEX\\s+CONCURRENTLY\\b");
    private static final Pattern GOLANG_FILE = Pattern.compile("(\\d+)_.*\\.up\\.sql");
    private static final Pattern DBMATE_FILE = Pattern.compile("(\\d+).*\\.sql");
    private static final Pattern DBMATE_UP = Pattern.compile("(?m)^--\\s*migrate:up\\b(.*)$");
    private static final Pattern DBMATE_DOWN = Pattern.compile("(?m)^--\\s*migrate:down\\b.*$");

    private final String label;
    private final boolean sqliteForeignKeys;

    Tool(String label, boolean sqliteForeignKeys) {
        this.label = label;
        this.sqliteForeignKeys = sqliteForeignKeys;
    }

    String label() {
        return label;
    }

    /** Whether the tool's SQLite connection enforces foreign keys while it runs the files. */
    boolean sqliteForeignKeys() {
        return sqliteForeignKeys;
    }

    /** How the tool hands one file to the database. */
    enum Mode {
        /** BEGIN, the file's statements, COMMIT. */
        TRANSACTION,
        /** The whole file as one query string: PostgreSQL makes that one implicit transaction. */
        ONE_QUERY,
        /** Statement by statement, each committed on its own. */
        AUTOCOMMIT
    }

    /**
     * One file the tool runs, in the tool's order, and how it runs it.
     *
     * @param section the part of the file the tool runs, when that is not the whole file (dbmate's up
     *                section)
     */
    record Step(Path file, Mode mode, Optional<String> section) {
        Step(Path file, Mode mode) {
            this(file, mode, Optional.empty());
        }

        /** The SQL text the tool sends. */
        String sql() {
            return section.orElseGet(() -> read(file));
        }
    }

    /**
     * The up scripts the tool would run, in its order (not for wrangler, which runs them itself), on
     * SQLite when {@code sqlite}, else on PostgreSQL.
     */
    List<Step> steps(Path folder, boolean sqlite) {
        List<Path> entries = list(folder);
        return switch (this) {
            case DIESEL ->
                entries.stream()
                        .filter(d -> Files.isRegularFile(d.resolve("up.sql")))
                        .sorted(Comparator.comparing(Tool::dieselVersion))
                        .map(d -> new Step(
                                d.resolve("up.sql"), noTransactionMetadata(d) ? Mode.ONE_QUERY : Mode.TRANSACTION))
                        .toList();
            case SQLX ->
                entries.stream()
                        .filter(f -> matches(SQLX_FILE, f) && !f.toString().endsWith(".down.sql"))
                        .sorted(Comparator.comparing(f -> new BigInteger(group(SQLX_FILE, f))))
                        .map(f -> new Step(
                                f, firstLine(f).startsWith("-- no-transaction") ? Mode.ONE_QUERY : Mode.TRANSACTION))
                        .toList();
            case FLYWAY ->
                entries.stream()
                        .filter(f -> matches(FLYWAY_FILE, f))
                        .sorted(Tool::compareFlyway)
                        .map(f ->
                                new Step(f, CONCURRENTLY.matcher(read(f)).find() ? Mode.AUTOCOMMIT : Mode.TRANSACTION))
                        .toList();
            case GOLANG_MIGRATE ->
                entries.stream()
                        .filter(f -> matches(GOLANG_FILE, f))
                        .sorted(Comparator.comparing(f -> new BigInteger(group(GOLANG_FILE, f))))
                        .map(f -> new Step(f, sqlite ? Mode.TRANSACTION : Mode.ONE_QUERY))
                        .toList();
            case DBMATE ->
                entries.stream()
                        .filter(f -> matches(DBMATE_FILE, f))
                        .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                        .map(Tool::dbmateStep)
                        .toList();
            case WRANGLER -> throw new IllegalStateException("wrangler finds and runs its files itself");
        };
    }

    private static String dieselVersion(Path folder) {
        String name = folder.getFileName().toString();
        int underscore = name.indexOf('_');
        return (underscore < 0 ? name : name.substring(0, underscore)).replace("-", "");
    }

    /** dbmate runs the text from the line after {@code -- migrate:up} to the {@code -- migrate:down} line. */
    private static Step dbmateStep(Path file) {
        String text = read(file);
        Matcher up = DBMATE_UP.matcher(text);
        if (!up.find()) {
            throw new IllegalArgumentException(file + " has no '-- migrate:up' line");
        }
        Matcher down = DBMATE_DOWN.matcher(text);
        int end = down.find(up.end()) ? down.start() : text.length();
        boolean noTransaction = up.group(1).replace(" ", "").contains("transaction:false");
        return new Step(
                file, noTransaction ? Mode.ONE_QUERY : Mode.TRANSACTION, Optional.of(text.substring(up.end(), end)));
    }

    private static boolean noTransactionMetadata(Path folder) {
        Path metadata = folder.resolve("metadata.toml");
        return Files.isRegularFile(metadata) && read(metadata).replace(" ", "").contains("run_in_transaction=false");
    }

    private static int compareFlyway(Path a, Path b) {
        String[] left = group(FLYWAY_FILE, a).split("[._]");
        String[] right = group(FLYWAY_FILE, b).split("[._]");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            BigInteger l = i < left.length ? new BigInteger(left[i]) : BigInteger.ZERO;
            BigInteger r = i < right.length ? new BigInteger(right[i]) : BigInteger.ZERO;
            if (l.compareTo(r) != 0) {
                return l.compareTo(r);
            }
        }
        return 0;
    }

    private static boolean matches(Pattern pattern, Path file) {
        return Files.isRegularFile(file)
                && pattern.matcher(file.getFileName().toString()).matches();
    }

    private static String group(Pattern pattern, Path file) {
        Matcher matcher = pattern.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(file.toString());
        }
        return matcher.group(1);
    }

    private static String firstLine(Path file) {
        return read(file).lines().findFirst().orElse("");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return new ArrayList<>(entries.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
