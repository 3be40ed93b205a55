package org.wspubsub.core.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestServers;

/**
 * Each connection's protocol pings follow its own schedule: the first one at a random point in the
 * second half of the first interval (connections that arrive together are not all pinged in the
 * same instant), then one every interval. The schedule is checked on a clock the test sets (plain
 * nanosecond values); one coarse check over a real socket shows the liveness sweep sends the pings.
 */
class PingScheduleTest {

    private static final long INTERVAL = Duration.ofSeconds(1).toNanos();
    private static final long START = 5_000_000_000L;

    @Test
    void theFirstPingComesNoEarlierThanHalfAnInterval() {
        PingSchedule schedule = new PingSchedule(START);
        RandomGenerator earliest = fixed(0);

        assertThat(schedule.due(START, INTERVAL, earliest)).isFalse();
        assertThat(schedule.due(START + INTERVAL / 2 - 1, INTERVAL, earliest)).isFalse();
        assertThat(schedule.due(START + INTERVAL / 2 + 1, INTERVAL, earliest)).isTrue();
    }

    @Test
    void theFirstPingComesNoLaterThanOneInterval() {
        PingSchedule schedule = new PingSchedule(START);
        RandomGenerator latest = fixed(INTERVAL / 2);

        assertThat(schedule.due(START + INTERVAL - 1, INTERVAL, latest)).isFalse();
        assertThat(schedule.due(START + INTERVAL + 1, INTERVAL, latest)).isTrue();
    }

    @Test
    void spreadsTheFirstPingsOfConnectionsThatOpenedTogether() {
        RandomGenerator random = new SplittableRandom(42);
        TreeSet<Long> firstPings = new TreeSet<>();
        for (int i = 0; i < 16; i++) {
            firstPings.add(firstPingAfter(new PingSchedule(START), random));
        }
        assertThat(firstPings).hasSize(16); // no two in the same millisecond
        assertThat(firstPings.first()).isGreaterThanOrEqualTo(START + INTERVAL / 2);
        assertThat(firstPings.last()).isLessThanOrEqualTo(START + INTERVAL);
        assertThat(firstPings.last() - firstPings.first()).isGreaterThan(INTERVAL / 4);
    }

    @Test
    void thenPingsEveryIntervalCountedFromWhenThePreviousWasDue() {
        PingSchedule schedule = new PingSchedule(START);
        RandomGenerator earliest = fixed(0);
        long first = START + INTERVAL / 2 + 1;
        long lateSweep = Duration.ofMillis(30).toNanos();
        assertThat(schedule.due(first + lateSweep, INTERVAL, earliest)).isTrue();

        // the next ping is due one interval after the first was due, not after the late sweep
        assertThat(schedule.due(first + INTERVAL - 1, INTERVAL, earliest)).isFalse();
        assertThat(schedule.due(first + INTERVAL, INTERVAL, earliest)).isTrue();
        assertThat(schedule.due(first + INTERVAL, INTERVAL, earliest)).isFalse(); // once
        assertThat(schedule.due(first + 2 * INTERVAL - 1, INTERVAL, earliest)).isFalse();
        assertThat(schedule.due(first + 2 * INTERVAL, INTERVAL, earliest)).isTrue();
    }

    @Test
    void aSweepThatFellBehindSendsOnePingAndStartsOverFromIt() {
        PingSchedule schedule = new PingSchedule(START);
        RandomGenerator earliest = fixed(0);
        long late = START + 5 * INTERVAL; // four pings were missed

        assertThat(schedule.due(late, INTERVAL, earliest)).isTrue();
        assertThat(schedule.due(late, INTERVAL, earliest)).isFalse(); // not the missed ones back to back
        assertThat(schedule.due(late + INTERVAL - 1, INTERVAL, earliest)).isFalse();
        assertThat(schedule.due(late + INTERVAL, INTERVAL, earliest)).isTrue();
    }

    @Test
    void theLivenessSweepPingsAConnectionAgainAndAgain() throws Exception {
        try (WebSocketService service = TestServers.builder().pingInterval(Duration.ofMillis(200))
                .pingTimeout(Duration.ofSeconds(5)).build().start();
             RawWebSocket client = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0)) {
            int pings = 0;
            while (pings < 3) { // each read fails the test after 10 s without a frame
                RawWebSocket.Frame frame = client.readFrame();
                assertThat(frame.opcode()).as("a frame other than a ping").isEqualTo(0x9);
                client.sendFrame(0xA, frame.payload(), true);
                pings++;
            }
            client.sendText("{\"type\":\"ping\"}");
            assertThat(client.readFrame().text()).contains("pong");
        }
    }

    /** The first moment, in steps of a millisecond, at which {@code schedule} says a ping is due. */
    private static long firstPingAfter(PingSchedule schedule, RandomGenerator random) {
        long step = Duration.ofMillis(1).toNanos();
        for (long now = START; ; now += step) {
            if (schedule.due(now, INTERVAL, random)) {
                return now;
            }
        }
    }

    /** A generator whose every bounded draw is {@code value}. */
    private static RandomGenerator fixed(long value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return value;
            }

            @Override
            public long nextLong(long bound) {
                return value;
            }
        };
    }
}
