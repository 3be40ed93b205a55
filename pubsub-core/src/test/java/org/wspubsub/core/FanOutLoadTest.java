package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.TestServers;

/**
 * 1,000 subscribers and 8 publishing threads: every subscriber gets every message exactly once, in
 * order per publisher. Clients are lightweight JDK WebSockets that count and check order as frames
 * arrive.
 */
class FanOutLoadTest {

    private static final int SUBSCRIBERS = 1_000;
    private static final int PUBLISHERS = 8;
    private static final int PER_PUBLISHER = 50;

    @Test
    void everySubscriberGetsEveryMessageOnceInOrderPerPublisher() throws Exception {
        try (WebSocketService service = TestServers.builder().build().start()) {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = TestServers.uri(service);
            List<CountingSubscriber> subscribers = new ArrayList<>();
            List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                CountingSubscriber subscriber = new CountingSubscriber();
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
                    .until(() -> subscribers.stream().allMatch(s -> s.subscribed.getCount() == 0));

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
            for (CountingSubscriber s : subscribers) {
                assertThat(s.problems).isEmpty();
                assertThat(s.received.get()).isEqualTo(expected);
            }
            for (CompletableFuture<WebSocket> socket : sockets) {
                socket.join().abort();
            }
        }
    }

    /** Counts deliveries and records any duplicate or out-of-order one. Called on the JDK client's threads. */
    private static final class CountingSubscriber implements WebSocket.Listener {
        final CountDownLatch subscribed = new CountDownLatch(1);
        final AtomicInteger received = new AtomicInteger();
        final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        final int[] nextSeq = new int[PUBLISHERS];
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.contains("\"subscribed\"")) {
                    subscribed.countDown();
                } else if (text.contains("\"tick\"")) {
                    check(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void check(String text) {
            try {
                JsonNode frame = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
                int p = frame.path("p").asInt();
                int seq = frame.path("seq").asInt();
                if (seq != nextSeq[p]) {
                    problems.add("publisher " + p + ": expected " + nextSeq[p] + " got " + seq);
                }
                nextSeq[p] = seq + 1;
                received.incrementAndGet();
            } catch (Exception e) {
                problems.add("unparseable " + text);
            }
        }
    }
}
