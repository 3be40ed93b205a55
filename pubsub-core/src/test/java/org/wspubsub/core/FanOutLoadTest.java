package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.CountingListener;
import org.wspubsub.core.testing.TestServers;

/**
 * 1,000 subscribers and 8 publishing threads: every subscriber gets every message exactly once, in
 * order per publisher. Clients are lightweight JDK WebSockets that count and check order as frames
 * arrive ({@link CountingListener}).
 */
class FanOutLoadTest {

    private static final int SUBSCRIBERS = 1_000;
    private static final int PUBLISHERS = 8;
    private static final int PER_PUBLISHER = 50;

    @Test
    void everySubscriberGetsEveryMessageOnceInOrderPerPublisher() throws Exception {
        try (WebSocketService service = TestServers.builder().maxConnectionsPerAddress(SUBSCRIBERS + 10).build().start()) {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = TestServers.uri(service);
            List<CountingListener> subscribers = new ArrayList<>();
            List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                CountingListener subscriber = new CountingListener();
                subscribers.add(subscriber);
                sockets.add(http.newWebSocketBuilder().buildAsync(uri, subscriber));
                if (sockets.size() % 100 == 0) {
                    CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            for (CompletableFuture<WebSocket> socket : sockets) {
                socket.join().sendText("{\"type\":\"subscribe\",\"topics\":[\"load.topic\"]}", true);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> subscribers.stream().allMatch(s -> s.subscribed));

            ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS);
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                int publisher = p;
                done.add(publishers.submit(() -> {
                    for (int seq = 0; seq < PER_PUBLISHER; seq++) {
                        service.publish("load.topic", Map.of("type", "tick", "p", publisher, "seq", seq))
                                .toCompletableFuture().join();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            publishers.shutdown();

            int expected = PUBLISHERS * PER_PUBLISHER;
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> subscribers.stream().allMatch(s -> s.received.get() >= expected));
            for (CountingListener s : subscribers) {
                assertThat(s.problems).isEmpty();
                assertThat(s.received.get()).as("every message exactly once").isEqualTo(expected);
            }
            for (CompletableFuture<WebSocket> socket : sockets) {
                socket.join().abort();
            }
        }
    }
}
