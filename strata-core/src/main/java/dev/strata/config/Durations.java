package dev.strata.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations people write in strata.toml and in directives: a whole number and a unit,
 * {@code 500ms}, {@code 5s}, {@code 2min}, {@code 1h}. A bare number is refused: whether {@code 5}
 * means seconds or milliseconds depends on who wrote it.
 */
public final class Durations {

    /** How a duration is written, for messages. */
    public static final String FORM = "a whole number with a unit: ms, s, min or h (e.g. 500ms, 5s, 2min)";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|min|h)");

    private Durations() {}

    /** The duration, or empty when {@code text} is not one ({@code 0s} is a duration of zero). */
    public static Optional<Duration> parse(String text) {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(
                switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "min" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                });
    }

    /** As people read it: {@code 500 ms}, {@code 5 s}, {@code 2 min 3 s}. */
    public static String spoken(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return millis % 1000 == 0
                    ? seconds + " s"
                    : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }
}
