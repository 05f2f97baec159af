package dev.strata.dialect.d1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.testing.OutsideTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code wrangler dev --local} processes behind every {@link D1TestEndpoint} of this JVM: one
 * Worker with a pool of spare D1 bindings, started by the first endpoint and stopped when the JVM
 * exits, because starting Node.js and workerd takes seconds and a test run has a dozen classes.
 *
 * <p>workerd fixes a Worker's D1 bindings when it starts, so the config declares {@link #POOL}
 * bindings up front and each endpoint {@linkplain #lease leases} as many as it names databases,
 * giving them back when it closes. An endpoint that needs more bindings than are free gets a second
 * process rather than a restart, so that no endpoint in use loses its server. What keeps the users
 * of one process apart (their own account id, token, database ids, counts and injected failures) is
 * the Worker's: see its tenants in {@code worker.js}.
 *
 * <p>Thread-safe: leasing and giving back are synchronized on the class.
 */
final class SharedWranglerDev {

    /** Bindings per process: more than any test class names (three), so one process serves a test run. */
    static final int POOL = 8;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WRANGLER_HOME = Path.of("src", "test", "wrangler");
    private static final Path WORKER = Path.of("src", "test", "d1-endpoint", "worker.js");
    // Bounds so that a wrangler that never gets ready fails the build instead of stalling it.
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(20);
    private static final List<SharedWranglerDev> RUNNING = new ArrayList<>();
    private static boolean stopAtExit;

    private final Path wrangler;
    private final Path worker;
    private final Path folder;
    private final int port;
    private final String adminToken;
    private final Deque<String> freeBindings = new ArrayDeque<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Process process;

    /** Bindings of one process held by one endpoint until {@link #giveBack()}. */
    record Lease(SharedWranglerDev server, List<String> bindings) {
        void giveBack() {
            server.giveBack(bindings);
        }
    }

    private SharedWranglerDev(Path wrangler, Path worker, int bindings) throws IOException {
        this.wrangler = wrangler;
        this.worker = worker;
        this.folder = Files.createTempDirectory("strata-d1-endpoint");
        this.port = freePort();
        this.adminToken = "strata-admin-" + hex(20);
        for (int i = 1; i <= bindings; i++) freeBindings.add("DB_" + i);
    }

    /**
     * {@code count} free bindings of a running process for the Worker and wrangler under {@code home}
     * (the strata-core module folder; the working directory or its sibling when empty), starting a
     * process when none has that many free. Skips the test when wrangler is not installed.
     */
    static synchronized Lease lease(Optional<Path> home, int count) throws IOException, InterruptedException {
        Path wrangler = wranglerExecutable(home);
        Path worker = locate(home, WORKER)
                .orElseThrow(() -> new IllegalStateException("the D1 endpoint Worker " + WORKER + " is missing"));
        RUNNING.removeIf(server -> {
            if (server.process != null && server.process.isAlive()) return false;
            server.stop(); // wrangler died under its endpoints: deletes its folder, the next lease starts anew
            return true;
        });
        Optional<SharedWranglerDev> fitting = RUNNING.stream()
                .filter(s -> s.wrangler.equals(wrangler) && s.worker.equals(worker))
                .filter(s -> s.freeBindings.size() >= count)
                .findFirst();
        SharedWranglerDev server = fitting.isPresent() ? fitting.get() : startNew(wrangler, worker, count);
        List<String> bindings = new ArrayList<>();
        for (int i = 0; i < count; i++) bindings.add(server.freeBindings.removeFirst());
        return new Lease(server, List.copyOf(bindings));
    }

    private static SharedWranglerDev startNew(Path wrangler, Path worker, int count)
            throws IOException, InterruptedException {
        if (!stopAtExit) {
            Runtime.getRuntime().addShutdownHook(new Thread(SharedWranglerDev::stopAll, "stop wrangler dev"));
            stopAtExit = true;
        }
        SharedWranglerDev server = new SharedWranglerDev(wrangler, worker, Math.max(POOL, count));
        server.start();
        RUNNING.add(server);
        return server;
    }

    private void giveBack(List<String> bindings) {
        synchronized (SharedWranglerDev.class) {
            freeBindings.addAll(bindings);
        }
    }

    /** Where the Worker answers: {@code http://127.0.0.1:PORT}. */
    String origin() {
        return "http://127.0.0.1:" + port;
    }

    Path wrangler() {
        return wrangler;
    }

    /**
     * Makes the Worker serve a tenant: the account, the only token it accepts for it, and its databases
     * (id, name, leased binding). The Worker empties those databases first.
     */
    void addTenant(String accountId, String token, List<D1TestEndpoint.Database> databases)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("account_id", accountId).put("token", token);
        ArrayNode list = body.putArray("databases");
        databases.forEach(
                d -> list.addObject().put("id", d.id()).put("name", d.name()).put("binding", d.binding()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(origin() + "/__endpoint/tenants"))
                .header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .timeout(Duration.ofMinutes(1))
                .build();
        HttpResponse<String> response = sendControl(http, request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the D1 test endpoint refused a new tenant: " + response.body());
        }
    }

    /**
     * Sends a request to one of the fixture's own routes, once more when the first send gets no
     * answer: the client reuses a kept-alive connection that workerd may have closed while it was idle
     * (during a long test), and those routes are safe to send twice.
     */
    static HttpResponse<String> sendControl(HttpClient http, HttpRequest request)
            throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException closedWhileIdle) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    // --- The process ---------------------------------------------------------------------------

    private void start() throws IOException, InterruptedException {
        Files.writeString(folder.resolve("wrangler.json"), config());
        Files.writeString(folder.resolve(".dev.vars"), "ADMIN_TOKEN=" + adminToken + "\n");
        List<String> command = List.of(
                wrangler.toString(),
                "dev",
                "--local",
                "--config",
                "wrangler.json",
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--inspector-port",
                String.valueOf(freePort()),
                "--persist-to",
                folder.resolve("state").toString(),
                "--show-interactive-dev-session=false");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("wrangler-dev.log").toFile());
        builder.environment().put("CI", "true");
        builder.environment().put("WRANGLER_SEND_METRICS", "false");
        builder.environment().put("NO_COLOR", "1");
        builder.environment().put("WRANGLER_LOG_PATH", folder.resolve("logs").toString());
        process = builder.start();
        process.getOutputStream().close();
        awaitReady();
    }

    private String config() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", "strata-d1-endpoint");
        root.put("main", worker.toString());
        root.put("compatibility_date", "2025-01-01");
        ArrayNode bindings = root.putArray("d1_databases");
        for (String binding : freeBindings) {
            bindings.addObject()
                    .put("binding", binding)
                    .put("database_name", binding.toLowerCase(java.util.Locale.ROOT))
                    .put("database_id", UUID.randomUUID().toString());
        }
        bindings.addObject()
                .put("binding", "ENDPOINT_STATE")
                .put("database_name", "endpoint-state")
                .put("database_id", UUID.randomUUID().toString());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant limit = Instant.now().plus(START_LIMIT);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(origin() + "/__endpoint/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        while (Instant.now().isBefore(limit)) {
            if (!process.isAlive()) {
                String log = readLog();
                stop();
                throw new IllegalStateException("wrangler dev stopped before the D1 endpoint was ready:\n" + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // wrangler is still starting workerd
            }
            Thread.sleep(200);
        }
        String log = readLog();
        stop();
        throw new IllegalStateException(
                "wrangler dev did not get the D1 endpoint ready within " + START_LIMIT + ":\n" + log);
    }

    private String readLog() {
        try {
            return Files.readString(folder.resolve("wrangler-dev.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static synchronized void stopAll() {
        RUNNING.forEach(SharedWranglerDev::stop);
        RUNNING.clear();
    }

    /** Stops wrangler and every process it started (workerd), then deletes the temporary folder. */
    private void stop() {
        if (process != null) {
            // Every process is asked to end first, then each is waited for, so the bound is the
            // slowest one's and not their sum (a shutdown hook should be quick).
            List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                    .toList();
            tree.forEach(ProcessHandle::destroy);
            Instant limit = Instant.now().plus(STOP_LIMIT);
            for (ProcessHandle handle : tree) {
                try {
                    long left =
                            Math.max(1, Duration.between(Instant.now(), limit).toMillis());
                    handle.onExit().get(left, TimeUnit.MILLISECONDS);
                } catch (Exception stillRunning) {
                    handle.destroyForcibly();
                }
            }
            process = null;
        }
        deleteTree(folder);
    }

    // --- Finding wrangler and the Worker -------------------------------------------------------

    private static Path wranglerExecutable(Optional<Path> home) {
        Optional<Path> found = locate(home, WRANGLER_HOME.resolve(Path.of("node_modules", ".bin", "wrangler")))
                .filter(Files::isExecutable);
        OutsideTool.require(
                found.isPresent(),
                "wrangler is not installed: run 'npm ci --prefix strata-core/" + WRANGLER_HOME
                        + "' to run the tests against the D1 test endpoint");
        return found.get();
    }

    /** The file relative to strata-core, whether the tests run in strata-core or in a sibling module. */
    private static Optional<Path> locate(Optional<Path> home, Path relative) {
        Stream<Path> candidates = home.isPresent()
                ? Stream.of(home.get().resolve(relative))
                : Stream.of(relative, Path.of("..", "strata-core").resolve(relative));
        return candidates
                .map(Path::toAbsolutePath)
                .map(Path::normalize)
                .filter(Files::exists)
                .findFirst();
    }

    static String hex(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // A temporary folder left behind is harmless; the next run makes a new one.
        }
    }
}
