package dev.strata.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void readsWhatInstantToStringWritesAtEveryPrecision() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long seconds = random.nextLong(0, 4_102_444_800L); // 1970 .. 2100
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @Test
    void otherValidFormsAreLeftToTheStandardParser() {
        assertThat(IsoInstants.parse("2025-06-02T09:14:07.5Z")).isEqualTo(Instant.parse("2025-06-02T09:14:07.5Z"));
        assertThat(IsoInstants.parse("+12025-06-02T09:14:07Z")).isEqualTo(Instant.parse("+12025-06-02T09:14:07Z"));
        assertThat(IsoInstants.parse("2025-06-02T09:14:07+00:00")).isEqualTo(Instant.parse("2025-06-02T09:14:07Z"));
    }

    @Test
    void invalidTextIsRefusedAsBefore() {
        assertThatThrownBy(() -> IsoInstants.parse("2025-13-02T09:14:07Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.parse("2025-06-02T09:1x:07Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.parse("2025-02-30T09:14:07Z")).isInstanceOf(DateTimeParseException.class);
    }
}
