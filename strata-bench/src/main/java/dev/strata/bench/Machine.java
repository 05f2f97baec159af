package dev.strata.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a run was measured on, for the results' header: results only compare on one machine. */
record Machine(int cores, double memoryGiB, String cpu, String os, String java) {

    static Machine current() {
        double memory = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize() / (1024.0 * 1024 * 1024);
        }
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                memory,
                cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    String describe() {
        return String.format(Locale.ROOT, "%d cores, %.1f GiB memory, %s; %s; %s", cores, memoryGiB, cpu, os, java);
    }

    /** The one-minute load average: other work competing for the cores during a run. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the architecture is the best description at hand.
        }
        return System.getProperty("os.arch");
    }
}
