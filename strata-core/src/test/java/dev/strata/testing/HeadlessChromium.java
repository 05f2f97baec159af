package dev.strata.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Chromium browser, headless and cut off from the network, for tests of what a generated
 * page shows. Found on the PATH as {@code chromium} (Debian's package, which .ci/run installs),
 * {@code chromium-browser} or {@code google-chrome}, or at {@code STRATA_CHROMIUM}; a test that
 * needs it is skipped on a developer's machine, saying why, and fails under CI when there is none.
 *
 * <p>Every run gets an empty profile folder and a proxy that refuses every connection, with
 * background networking, updates, sync and QUIC off, so the page sees what an offline reader sees.
 */
public final class HeadlessChromium {

    private static final long TIMEOUT_SECONDS = 90;

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** The browser, or the calling test skipped with the reason. */
    public static HeadlessChromium require() {
        Optional<Path> found = find();
        OutsideTool.require(
                found.isPresent(),
                "Chromium is not installed (no chromium, chromium-browser or google-chrome on the PATH, and"
                        + " STRATA_CHROMIUM unset or not an executable): install Debian's chromium package to run the"
                        + " test of the page in a real browser");
        return new HeadlessChromium(found.get());
    }

    static Optional<Path> find() {
        String configured = System.getenv("STRATA_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The page's DOM after it has loaded, as Chromium serialises it. */
    public String dumpDom(Path page, Path work) throws IOException, InterruptedException {
        return run(work, List.of("--dump-dom", page.toUri().toString()));
    }

    /**
     * A PNG of the browser window showing {@code url} (a file URL, maybe with a fragment to scroll to).
     */
    public void screenshot(String url, Path png, int width, int height, Path work)
            throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        run(
                work,
                List.of(
                        "--hide-scrollbars",
                        "--window-size=" + width + "," + height,
                        "--screenshot=" + png.toAbsolutePath(),
                        url));
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("Chromium wrote no screenshot to " + png);
        }
    }

    private String run(Path work, List<String> arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(
                executable.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--no-default-browser-check",
                "--mute-audio",
                // Network off: every proxied request goes to a closed port, and no name resolves.
                "--proxy-server=127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--virtual-time-budget=5000"));
        command.addAll(arguments);
        Path stdout = work.resolve("chromium-" + System.nanoTime() + ".out");
        Path stderr = work.resolve("chromium-" + System.nanoTime() + ".err");
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            stop(process);
            throw new AssertionError("Chromium did not finish within " + TIMEOUT_SECONDS + " s: "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        // A headless run leaves child processes behind now and then; none may outlive the test.
        stop(process);
        if (process.exitValue() != 0) {
            throw new AssertionError("Chromium exited with " + process.exitValue() + ": "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static void stop(Process process) {
        try (Stream<ProcessHandle> children = process.descendants()) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
    }
}
