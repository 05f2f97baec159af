package dev.strata.d1;

import dev.strata.testing.OutsideTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real wrangler CLI, installed by {@code npm ci} in {@code src/test/wrangler} (the CI script does
 * it). Without it the tests that need it are skipped on a developer's machine and fail under CI.
 */
final class Wrangler {

    static final Path HOME = Path.of("src", "test", "wrangler");
    private static final Path BIN = HOME.resolve(Path.of("node_modules", ".bin", "wrangler"));

    private Wrangler() {}

    /** The wrangler executable; skips the test (or fails it under CI) when it is not installed. */
    static Path executable() {
        OutsideTool.require(
                Files.isExecutable(BIN),
                "wrangler is not installed: run 'npm ci --prefix strata-core/" + HOME + "' to run the wrangler tests");
        return BIN.toAbsolutePath();
    }

    /** What one wrangler command printed. */
    record Run(int exitCode, String output) {}

    /** Runs wrangler in {@code project}, non-interactively and without telemetry. */
    static Run run(Path project, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("CI", "true");
        env.put("WRANGLER_SEND_METRICS", "false");
        env.put("NO_COLOR", "1");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        // A bound so a hung wrangler fails the build instead of stalling it; no assertion on time.
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrangler " + String.join(" ", args) + " did not finish");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
