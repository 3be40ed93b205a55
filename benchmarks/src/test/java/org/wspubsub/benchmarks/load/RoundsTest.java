package org.wspubsub.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RoundsTest {

    /** A clean step of {@code deliveriesPerSecond} over one second, at {@code cpuMicros} per delivery and one p99. */
    private static StepResult step(String server, long deliveriesPerSecond, double cpuMicros, long p99Millis) {
        Histogram latency = new Histogram(3);
        latency.recordValue(p99Millis * 1_000_000);
        return new StepResult(server, 0, 0, deliveriesPerSecond, deliveriesPerSecond, 1.0, latency,
                (long) (cpuMicros * 1_000 * deliveriesPerSecond), 0, 0, 0);
    }

    @Test
    void theOrderIsReversedEveryOtherRound() {
        Rounds rounds = new Rounds(List.of("library", "netty", "tyrus-naive"), "library");

        assertThat(rounds.order(0)).containsExactly("library", "netty", "tyrus-naive");
        assertThat(rounds.order(1)).containsExactly("tyrus-naive", "netty", "library");
        assertThat(rounds.order(2)).containsExactly("library", "netty", "tyrus-naive");
    }

    @Test
    void mediansAreTakenPerServerAndRatiosPerRound() {
        Rounds rounds = new Rounds(List.of("library", "netty"), "library");
        rounds.next().putAll(java.util.Map.of("library", step("library", 300_000, 3, 50), "netty", step("netty", 100_000, 9, 40)));
        rounds.next().putAll(java.util.Map.of("library", step("library", 200_000, 5, 60), "netty", step("netty", 200_000, 10, 30)));
        rounds.next().putAll(java.util.Map.of("library", step("library", 400_000, 2, 70)));

        assertThat(rounds.median("library", Rounds.DELIVERIES)).isEqualTo(300_000);
        assertThat(rounds.median("netty", Rounds.DELIVERIES)).isEqualTo(150_000);
        assertThat(rounds.median("library", Rounds.CPU)).isCloseTo(3, within(1e-9));
        assertThat(rounds.roundsWithResult("netty")).isEqualTo(2);
        // the third round has no Netty result, so no ratio: it is left out of the median, not taken as zero
        assertThat(rounds.ratios("netty", Rounds.DELIVERIES)).containsExactly(3.0, 1.0, Double.NaN);
        assertThat(rounds.summary(List.of(Rounds.DELIVERIES)))
                .contains("| netty       | 2 of 3 | 150000.00 |")
                .anySatisfy(line -> assertThat(line)
                        .isEqualTo("library / netty, median of the per-round ratios: deliveries/s 2.00x (3.00, 1.00, -);"));
    }

    @Test
    void aServerWithoutAnyResultHasNoMedian() {
        Rounds rounds = new Rounds(List.of("library", "netty"), "library");
        rounds.next().put("library", step("library", 100_000, 3, 50));

        assertThat(rounds.median("netty", Rounds.P99)).isNaN();
        assertThat(rounds.summary(List.of(Rounds.P99)))
                .contains("| netty       | 0 of 1 | n/a |", "library / netty, median of the per-round ratios: p99 ms n/a (-);");
        assertThat(Rounds.median(new double[] {5, 1, 3, 2})).isEqualTo(2.5);
    }
}
