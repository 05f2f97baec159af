package dev.strata.runlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.config.ConfigurationException;
import dev.strata.config.StrataConfig;
import dev.strata.engine.MigrationListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The run log: one JSON line per run of a command that changes a database, appended to
 * {@link StrataConfig#runLog()}.
 *
 * <p>Several processes may append at once (two deploys, a migrate beside a seed): each line is
 * written whole by one {@code write} on a file opened for appending, which the operating system
 * places at the end as one piece, so lines never interleave. A line that can't be written is
 * reported through the listener and the run's own outcome stands: the database has changed either
 * way, and a failed deploy because a log folder filled up would be the worse surprise.
 */
public final class RunLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunLog() {}

    /**
     * Runs {@code run} with a recorder in front of {@code listener}, then appends its line: when it
     * succeeded and changed something, or when it failed. The run's result or exception is passed on.
     */
    public static <T> T record(
            StrataConfig config,
            Map<String, String> env,
            MigrationListener listener,
            String command,
            Function<RunRecorder, T> run) {
        RunRecorder recorder = new RunRecorder(listener);
        if (config.runLog().isEmpty()) {
            return run.apply(recorder);
        }
        T result;
        try {
            result = run.apply(recorder);
        } catch (RuntimeException e) {
            write(config, listener, entry(config, env, command, recorder, Optional.of(message(e, config))));
            throw e;
        }
        if (recorder.hasChanged()) {
            write(config, listener, entry(config, env, command, recorder, Optional.empty()));
        }
        return result;
    }

    /**
     * Every line of {@code file}, oldest first; a missing file has none. Lines that are not entries
     * (cut short by a full disk, edited by hand) are skipped and counted.
     */
    public static Contents read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Contents(file, List.of(), 0);
        } catch (IOException e) {
            throw new ConfigurationException("could not read the run log " + file + " (" + e.getMessage()
                    + "); check that it is a readable file, or set [log] path in strata.toml");
        }
        List<RunEntry> entries = new ArrayList<>();
        int unreadable = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(fromJson(JSON.readTree(line)));
            } catch (IOException | RuntimeException e) {
                unreadable++;
            }
        }
        return new Contents(file, entries, unreadable);
    }

    /**
     * What {@link #read} found.
     *
     * @param unreadable  lines skipped because they are not entries
     */
    public record Contents(Path file, List<RunEntry> entries, int unreadable) {
        public Contents {
            entries = List.copyOf(entries);
        }
    }

    /** Appends one line in one write; see the class comment. */
    static void append(Path file, RunEntry entry) throws IOException {
        byte[] line = (JSON.writeValueAsString(toJson(entry)) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    private static void write(StrataConfig config, MigrationListener listener, RunEntry entry) {
        Path file = config.runLog().orElseThrow();
        try {
            append(file, entry);
        } catch (IOException | UncheckedIOException e) {
            listener.notice("could not append this run to the run log " + file + " (" + e.getMessage() + "); the"
                    + " run itself " + (entry.failed() ? "failed" : "succeeded") + ". Check that the folder is"
                    + " writable, or set [log] path (or enabled = false) in strata.toml");
        }
    }

    private static RunEntry entry(
            StrataConfig config,
            Map<String, String> env,
            String command,
            RunRecorder recorder,
            Optional<String> failure) {
        return new RunEntry(
                Instant.now(),
                System.getProperty("user.name", ""),
                config.url().user().or(recorder::databaseUser).orElse(""),
                host(env),
                config.environment(),
                config.url().display(),
                command,
                version(),
                failure.isPresent() ? RunEntry.FAILED : RunEntry.SUCCEEDED,
                failure,
                recorder.steps(failure.isPresent()),
                recorder.files(),
                recorder.backup(),
                recorder.bookmark());
    }

    /** The failure's own message, with the password masked should a driver have quoted it. */
    private static String message(Throwable e, StrataConfig config) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Optional<String> password = config.url().password().filter(p -> !p.isEmpty());
        return password.isPresent() ? text.replace(password.get(), "***") : text;
    }

    /** The machine's name from the environment first: a reverse DNS lookup can hang for seconds. */
    private static String host(Map<String, String> env) {
        for (String variable : List.of("HOSTNAME", "COMPUTERNAME")) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }

    /** strata-core's version, written into its jar by the build. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = RunLog.class.getResourceAsStream("strata-core.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String version = properties.getProperty("version", "unknown");
        return version.startsWith("${") ? "unknown" : version;
    }

    private static ObjectNode toJson(RunEntry entry) {
        ObjectNode line = JSON.createObjectNode();
        line.put("at", entry.at().toString());
        line.put("os_user", entry.osUser());
        line.put("database_user", entry.databaseUser());
        line.put("host", entry.host());
        line.put("environment", entry.environment().orElse(null));
        line.put("database", entry.database());
        line.put("command", entry.command());
        line.put("strata_version", entry.strataVersion());
        line.put("outcome", entry.outcome());
        entry.message().ifPresent(m -> line.put("message", m));
        ArrayNode migrations = line.putArray("migrations");
        for (RunStep step : entry.migrations()) {
            ObjectNode item = migrations.addObject();
            item.put("version", step.version());
            item.put("name", step.name());
            item.put("checksum", step.checksum());
            item.put("ms", step.ms());
            item.put("outcome", step.outcome());
        }
        ArrayNode files = line.putArray("files");
        entry.files().forEach(files::add);
        entry.backup().ifPresent(b -> line.put("backup", b));
        entry.bookmark().ifPresent(b -> line.put("bookmark", b));
        return line;
    }

    private static RunEntry fromJson(JsonNode line) {
        List<RunStep> steps = new ArrayList<>();
        for (JsonNode step : line.path("migrations")) {
            steps.add(new RunStep(
                    step.path("version").asText(),
                    step.path("name").asText(),
                    step.path("checksum").asText(),
                    step.path("ms").asLong(),
                    step.path("outcome").asText()));
        }
        List<String> files = new ArrayList<>();
        line.path("files").forEach(file -> files.add(file.asText()));
        return new RunEntry(
                Instant.parse(line.get("at").asText()),
                line.path("os_user").asText(),
                line.path("database_user").asText(),
                line.path("host").asText(),
                text(line, "environment"),
                line.path("database").asText(),
                line.get("command").asText(),
                line.path("strata_version").asText(),
                line.get("outcome").asText(),
                text(line, "message"),
                steps,
                files,
                text(line, "backup"),
                text(line, "bookmark"));
    }

    private static Optional<String> text(JsonNode line, String key) {
        JsonNode node = line.get(key);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }
}
