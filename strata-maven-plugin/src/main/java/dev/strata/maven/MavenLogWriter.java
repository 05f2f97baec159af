package dev.strata.maven;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A writer that hands each complete line to a {@link Lines}; what strata prints, line by line, into Maven's log. */
final class MavenLogWriter extends Writer {

    private final Lines lines;
    private final StringBuilder pending = new StringBuilder();

    MavenLogWriter(Lines lines) {
        this.lines = lines;
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = buffer[i];
            if (c == '\n') {
                lines.accept(pending.toString());
                pending.setLength(0);
            } else if (c != '\r') {
                pending.append(c);
            }
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        if (!pending.isEmpty()) {
            lines.accept(pending.toString());
            pending.setLength(0);
        }
    }

    /** Where the lines go, and the ones kept for the build's failure message. Not thread-safe. */
    static final class Lines {
        private final Consumer<String> sink;
        private final List<String> kept = new ArrayList<>();

        Lines(Consumer<String> sink) {
            this.sink = sink;
        }

        void accept(String line) {
            kept.add(line);
            sink.accept(line);
        }

        Optional<String> lastStartingWith(String prefix) {
            for (int i = kept.size() - 1; i >= 0; i--) {
                if (kept.get(i).startsWith(prefix)) {
                    return Optional.of(kept.get(i));
                }
            }
            return Optional.empty();
        }

        List<String> all() {
            return List.copyOf(kept);
        }
    }
}
