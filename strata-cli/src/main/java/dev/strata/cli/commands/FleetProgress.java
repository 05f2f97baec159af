package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.fleet.FleetListener;
import dev.strata.fleet.FleetTarget;
import dev.strata.fleet.TargetResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet's progress on stderr. On a terminal: one live line per running target (what it does now,
 * for how long) under a count of the finished ones, redrawn in place, with each failure printed
 * above it as it happens. Elsewhere (a pipe, a log, CI): one plain line when a target starts and
 * one when it ends.
 *
 * <p>Targets report from several threads; every method holds this object's lock while it prints.
 */
final class FleetProgress implements FleetListener {

    /** A live view is redrawn at most this often for a target's progress alone (starts and ends always redraw). */
    private static final long REDRAW_NANOS = 100_000_000L;

    private final Console console;
    private final boolean live;
    private final int total;
    private final Map<String, Running> running = new LinkedHashMap<>();
    private int finished;
    private int failed;
    private int drawn;
    private long lastDraw;
    private boolean closed;
    /** Redraws the live view each second, so a long migration's time keeps counting; none when not live. */
    private final java.util.Optional<java.util.concurrent.ScheduledExecutorService> ticker;

    private final java.util.Optional<java.util.concurrent.ScheduledFuture<?>> ticking;

    private record Running(long since, String doing) {}

    FleetProgress(Console console, int total) {
        this.console = console;
        this.live = console.interactive();
        this.total = total;
        this.ticker = live
                ? java.util.Optional.of(java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "strata-fleet-progress");
                    thread.setDaemon(true);
                    return thread;
                }))
                : java.util.Optional.empty();
        this.ticking = ticker.map(t -> t.scheduleAtFixedRate(this::tick, 1, 1, java.util.concurrent.TimeUnit.SECONDS));
    }

    private synchronized void tick() {
        if (!closed && !running.isEmpty()) {
            redraw();
        }
    }

    @Override
    public synchronized void started(FleetTarget target) {
        running.put(target.name(), new Running(System.nanoTime(), "starting"));
        if (live) {
            redraw();
        } else {
            console.err("start  " + target.name());
        }
    }

    @Override
    public synchronized void progress(FleetTarget target, String what) {
        Running current = running.get(target.name());
        if (current == null) {
            return;
        }
        running.put(target.name(), new Running(current.since(), what));
        if (live && System.nanoTime() - lastDraw > REDRAW_NANOS) {
            redraw();
        }
    }

    @Override
    public synchronized void finished(FleetTarget target, TargetResult result) {
        running.remove(target.name());
        finished++;
        if (!result.ok()) {
            failed++;
        }
        String line = FleetTable.line(result);
        if (live) {
            if (!result.ok()) {
                console.errRedrawn(drawn, List.of(line));
                drawn = 0;
            }
            redraw();
        } else if (result.outcome() != TargetResult.Outcome.NOT_RUN
                || result.started().isPresent()) {
            console.err(line);
        }
    }

    /** Clears the live view, so the summary that follows starts on a clean line. */
    synchronized void close() {
        closed = true;
        ticking.ifPresent(tick -> tick.cancel(false));
        ticker.ifPresent(java.util.concurrent.ExecutorService::shutdownNow);
        if (live && drawn > 0) {
            console.errRedrawn(drawn, List.of());
            drawn = 0;
        }
    }

    private void redraw() {
        List<String> lines = new ArrayList<>();
        lines.add(
                "fleet: " + finished + " of " + total + " done, " + failed + " failed, " + running.size() + " running");
        long now = System.nanoTime();
        running.forEach((name, state) -> lines.add("  " + name + "  " + state.doing() + "  ("
                + String.format(java.util.Locale.ROOT, "%.1f s", (now - state.since()) / 1e9) + ")"));
        console.errRedrawn(drawn, lines);
        drawn = lines.size();
        lastDraw = now;
    }
}
