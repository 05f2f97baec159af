package dev.strata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleSample() {
        Results.Stats stats = Results.stats(List.of(3.0, 1.0, 2.0));

        assertThat(stats).isEqualTo(new Results.Stats(2.0, 1.0, 3.0, 3));
        assertThat(stats.spreadPercent()).isEqualTo(100.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Results.stats(List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
    }

    @Test
    void contendersAreRotatedRoundByRound() {
        BenchContext context = new BenchContext(
                BenchOptions.parse("--quick"),
                List.of(new StrataContender(), new FlywayContender(), new FloorContender()));

        assertThat(context.order(1)).extracting(Contender::name).containsExactly("flyway", "floor", "strata");
        assertThat(context.order(2)).extracting(Contender::name).containsExactly("floor", "strata", "flyway");
        assertThat(context.order(3)).extracting(Contender::name).containsExactly("strata", "flyway", "floor");
    }
}
