package dev.strata.fleet;

import dev.strata.Strata;
import dev.strata.StrataException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one command on many targets, at most {@code parallel} at a time, each in a {@link Strata}
 * of its own, and records each result in the summary as it finishes.
 *
 * <p>One failing target does not stop the others. With fail-fast, the first failure stops the
 * start of any target not yet begun (those already running finish). With a canary of N, the first
 * N targets run and finish before any other starts, and the others run only if all N succeeded.
 * Targets start in fleet order, so a run that stops early leaves the later ones not run.
 */
final class FleetRunner {

    private final FleetCommand command;
    private final TargetLoader loader;
    private final FleetListener listener;
    private final FleetSummary summary;
    private final FleetRunOptions options;
    private final Clock clock = Clock.systemUTC();
    /** Why targets not yet begun are no longer started; empty while they are. */
    private final AtomicReference<String> stopped = new AtomicReference<>();

    private final AtomicInteger threads = new AtomicInteger();

    FleetRunner(
            FleetCommand command,
            TargetLoader loader,
            FleetListener listener,
            FleetSummary summary,
            FleetRunOptions options) {
        this.command = command;
        this.loader = loader;
        this.listener = listener;
        this.summary = summary;
        this.options = options;
    }

    void run(List<FleetTarget> targets) {
        int canaries = Math.min(options.canary(), targets.size());
        List<FleetTarget> first = targets.subList(0, canaries);
        if (!first.isEmpty()) {
            List<TargetResult> results = runAll(first);
            results.stream()
                    .filter(result -> !result.ok())
                    .findFirst()
                    .ifPresent(failed ->
                            stopped.compareAndSet(null, "canary " + failed.target() + " failed, so the fleet stopped"));
        }
        runAll(targets.subList(canaries, targets.size()));
    }

    private List<TargetResult> runAll(List<FleetTarget> targets) {
        if (targets.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallel(), targets.size()), task -> {
            Thread thread = new Thread(task, "strata-fleet-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<TargetResult>> futures = new ArrayList<>();
            for (FleetTarget target : targets) {
                futures.add(pool.submit(() -> runOne(target)));
            }
            List<TargetResult> results = new ArrayList<>();
            for (Future<TargetResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("the fleet run was interrupted; the summary holds what finished");
        } catch (ExecutionException e) {
            // runOne catches every failure of a target; what reaches here is the summary failing to be written.
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private TargetResult runOne(FleetTarget target) {
        String reason = stopped.get();
        if (reason != null) {
            TargetResult result = TargetResult.notRun(target.name(), reason);
            finish(target, result);
            return result;
        }
        listener.started(target);
        Instant started = clock.instant();
        TargetListener progress = new TargetListener(target, listener);
        TargetResult result;
        try {
            Strata strata = loader.load(target, progress);
            TargetOutcome outcome = command.work().run(strata, progress);
            result = new TargetResult(
                    target.name(),
                    outcome.ok() ? TargetResult.Outcome.OK : TargetResult.Outcome.FAILED,
                    outcome.applied(),
                    outcome.pending(),
                    outcome.failed(),
                    Optional.of(started),
                    Optional.of(clock.instant()),
                    outcome.message());
        } catch (FleetCommand.TargetFailure failure) {
            result = failed(
                    target,
                    started,
                    OptionalInt.of(failure.applied),
                    failure.pending,
                    OptionalInt.of(failure.migrationFailed ? 1 : 0),
                    failure.failure());
        } catch (RuntimeException e) {
            result = failed(target, started, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), e);
        }
        if (!result.ok() && options.failFast()) {
            stopped.compareAndSet(null, "--fail-fast: stopped after " + target.name() + " failed");
        }
        finish(target, result);
        return result;
    }

    private TargetResult failed(
            FleetTarget target,
            Instant started,
            OptionalInt applied,
            OptionalInt pending,
            OptionalInt failed,
            RuntimeException e) {
        // A StrataException's message is written for the user; anything else is strata's bug, named as such.
        String message = e instanceof StrataException ? e.getMessage() : "internal error: " + e;
        return new TargetResult(
                target.name(),
                TargetResult.Outcome.FAILED,
                applied,
                pending,
                failed,
                Optional.of(started),
                Optional.of(clock.instant()),
                Optional.of(message));
    }

    private void finish(FleetTarget target, TargetResult result) {
        summary.record(result);
        listener.finished(target, result);
    }
}
