package dev.strata.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every sample of a run, and their medians and spreads. Not thread-safe. */
public final class Results {

    private final List<Sample> samples = new ArrayList<>();

    public void add(Sample sample) {
        samples.add(sample);
        System.err.printf(
                "bench: %-18s %-8s %6d  %-9s round %d  %8.3f s%s%n",
                sample.workload(),
                sample.engine(),
                sample.size(),
                sample.contender(),
                sample.round(),
                sample.seconds(),
                Double.isNaN(sample.cpuSeconds()) ? "" : String.format("  (cpu %.3f s)", sample.cpuSeconds()));
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** One row of the tables: a workload on an engine at a size. */
    public record Row(String workload, String engine, int size) {}

    /** The median and range of one contender's samples in one row. */
    public record Stats(double median, double min, double max, int rounds) {

        /** (max - min) / median, in percent. */
        public double spreadPercent() {
            return median == 0 ? 0 : (max - min) / median * 100;
        }
    }

    /** Rows in the order they were first measured, each with its contenders' wall-clock statistics. */
    public Map<Row, Map<String, Stats>> summary() {
        return summary(false);
    }

    /** The same for CPU time; rows of whole processes, which have none, are left out. */
    public Map<Row, Map<String, Stats>> cpuSummary() {
        return summary(true);
    }

    private Map<Row, Map<String, Stats>> summary(boolean cpu) {
        Map<Row, Map<String, List<Double>>> grouped = new LinkedHashMap<>();
        for (Sample sample : samples) {
            double value = cpu ? sample.cpuSeconds() : sample.seconds();
            if (Double.isNaN(value)) {
                continue;
            }
            grouped.computeIfAbsent(
                            new Row(sample.workload(), sample.engine(), sample.size()), row -> new LinkedHashMap<>())
                    .computeIfAbsent(sample.contender(), contender -> new ArrayList<>())
                    .add(value);
        }
        Map<Row, Map<String, Stats>> summary = new LinkedHashMap<>();
        grouped.forEach((row, byContender) -> {
            Map<String, Stats> stats = new LinkedHashMap<>();
            byContender.forEach((contender, times) -> stats.put(contender, stats(times)));
            summary.put(row, stats);
        });
        return summary;
    }

    public Optional<Stats> stats(String workload, String engine, int size, String contender) {
        return Optional.ofNullable(summary()
                .getOrDefault(new Row(workload, engine, size), Map.of())
                .get(contender));
    }

    static Stats stats(List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(median, sorted.get(0), sorted.get(n - 1), n);
    }
}
