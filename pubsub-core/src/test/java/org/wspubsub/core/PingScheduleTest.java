package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestServers;

/**
 * The server's protocol pings follow each connection's own schedule: connections that arrive
 * together are not all pinged in the same instant (a node with many connections would otherwise
 * take every ping and every pong at once), and each still gets a ping every {@code pingInterval}.
 */
class PingScheduleTest {

    private static final Duration INTERVAL = Duration.ofMillis(1_000);
    private static final int CLIENTS = 16;

    private WebSocketService service;
    private final ExecutorService readers = Executors.newFixedThreadPool(CLIENTS);

    @BeforeEach
    void start() {
        service = TestServers.builder().pingInterval(INTERVAL).pingTimeout(Duration.ofSeconds(5)).build().start();
    }

    @AfterEach
    void stop() {
        readers.shutdownNow();
        service.stop();
    }

    @Test
    void spreadsTheFirstPingsOfConnectionsThatArrivedTogetherAndKeepsTheInterval() throws Exception {
        List<Future<long[]>> pings = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            RawWebSocket client = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0);
            long connected = System.nanoTime();
            pings.add(readers.submit(() -> {
                try (client) {
                    return twoPingsAfter(client, connected);
                }
            }));
        }
        long earliestFirst = Long.MAX_VALUE;
        long latestFirst = Long.MIN_VALUE;
        for (Future<long[]> future : pings) {
            long[] millis = future.get(10, TimeUnit.SECONDS);
            // the first ping falls in the second half of the first interval (plus one sweep of slack)
            assertThat(millis[0]).isBetween(INTERVAL.toMillis() / 2 - 50, INTERVAL.toMillis() + 400);
            // then one every interval
            assertThat(millis[1] - millis[0]).isBetween(INTERVAL.toMillis() - 300, INTERVAL.toMillis() + 400);
            earliestFirst = Math.min(earliestFirst, millis[0]);
            latestFirst = Math.max(latestFirst, millis[0]);
        }
        // 16 first pings drawn over half a second all within 100 ms of each other: odds below one in a billion
        assertThat(latestFirst - earliestFirst).as("spread of the first pings, ms").isGreaterThan(100);
    }

    /** Milliseconds from {@code connected} to the first and the second ping; answers each with a pong. */
    private static long[] twoPingsAfter(RawWebSocket client, long connected) throws Exception {
        long[] at = new long[2];
        int seen = 0;
        while (seen < 2) {
            RawWebSocket.Frame frame = client.readFrame();
            if (frame.opcode() == 0x9) {
                at[seen++] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connected);
                client.sendFrame(0xA, frame.payload(), true);
            }
        }
        return at;
    }
}
