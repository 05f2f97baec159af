package dev.strata.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.strata.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The summary file of a fleet run, rewritten each time a target finishes: a run that is killed
 * leaves the targets that finished as they ended and every other one {@code not_run}, which is what
 * {@code --retry-failed} reads. Each write goes to a temporary file in the same folder that is then
 * renamed over the summary, so a reader (or a kill) never meets half a file.
 *
 * <p>Thread-safe: targets finish on several threads, and each {@link #record} writes under one lock.
 */
final class FleetSummary {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final String command;
    private final String fleet;
    private final Map<String, TargetResult> results;

    /** @param initial every target's result so far, in fleet order */
    FleetSummary(Path file, String command, String fleet, List<TargetResult> initial) {
        this.file = file;
        this.command = command;
        this.fleet = fleet;
        this.results = new LinkedHashMap<>();
        initial.forEach(result -> results.put(result.target(), result));
    }

    /** The outcome as the file writes it: {@code ok}, {@code failed}, {@code not_run}. */
    static String key(TargetResult.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    synchronized void record(TargetResult result) {
        results.put(result.target(), result);
        write();
    }

    synchronized FleetReport report(int ran) {
        return new FleetReport(command, fleet, file, List.copyOf(results.values()), ran);
    }

    synchronized void write() {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.write(temporary, JSON.writeValueAsBytes(report(0).document()));
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new FleetException("could not write the fleet's summary to " + file + " ("
                    + e.getClass().getSimpleName() + "); check that its folder is writable, or name another"
                    + " file with --summary");
        }
    }

    /**
     * The results of the run {@code file} summarises, by target name.
     *
     * @throws ConfigurationException when there is no such file, it is not a fleet summary, or it is
     *                                the summary of another command
     */
    static Map<String, TargetResult> read(Path file, String shown, String command) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("--retry-failed: there is no summary of an earlier run at " + shown
                    + "; run the fleet once without --retry-failed (or name the summary with --summary FILE)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigurationException("--retry-failed: " + shown + " is not a fleet summary strata wrote ("
                    + e.getClass().getSimpleName() + "); run the fleet again without --retry-failed");
        }
        JsonNode targets = root == null ? null : root.get("targets");
        if (targets == null || !targets.isArray() || root.get("command") == null) {
            throw new ConfigurationException("--retry-failed: " + shown + " is not a fleet summary strata wrote;"
                    + " run the fleet again without --retry-failed");
        }
        String recorded = root.get("command").asText();
        if (!recorded.equals(command)) {
            throw new ConfigurationException("--retry-failed: the last run in " + shown + " was '" + recorded
                    + "', not '" + command + "'; retry it with strata " + recorded + " --retry-failed, or run "
                    + command + " on the whole fleet without --retry-failed");
        }
        Map<String, TargetResult> results = new LinkedHashMap<>();
        for (JsonNode item : targets) {
            TargetResult result = result(item);
            results.put(result.target(), result);
        }
        return results;
    }

    private static TargetResult result(JsonNode item) {
        TargetResult.Outcome outcome = TargetResult.Outcome.NOT_RUN;
        for (TargetResult.Outcome candidate : TargetResult.Outcome.values()) {
            if (key(candidate).equals(item.path("outcome").asText())) {
                outcome = candidate;
            }
        }
        return new TargetResult(
                item.path("target").asText(),
                outcome,
                number(item.get("applied")),
                number(item.get("pending")),
                number(item.get("failed")),
                instant(item.get("started_at")),
                instant(item.get("finished_at")),
                Optional.ofNullable(item.get("message"))
                        .filter(JsonNode::isTextual)
                        .map(JsonNode::asText));
    }

    private static OptionalInt number(JsonNode node) {
        return node != null && node.isInt() ? OptionalInt.of(node.asInt()) : OptionalInt.empty();
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.asText()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
