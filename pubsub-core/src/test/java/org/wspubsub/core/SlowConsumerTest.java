package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.RecordingMetrics;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

class SlowConsumerTest {

    @Test
    void closesAClientThatStoppedReadingWith4001WhileOthersReceiveEverything() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        try (WebSocketService service = TestServers.builder().outboundQueueBytes(256 * 1024).metrics(metrics)
                .build().start();
             TestClient canary = TestClient.connect(TestServers.uri(service));
             RawWebSocket stalled = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 4096)) {
            canary.send(Map.of("type", "subscribe", "topics", List.of("feed")));
            canary.next("subscribed");
            stalled.sendText("{\"type\":\"subscribe\",\"topics\":[\"feed\"]}");
            await().until(() -> metrics.events.stream().filter(e -> e.equals("subscribe:feed")).count() == 2);

            String chunk = "x".repeat(32 * 1024);
            int published = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!metrics.has("slow") && System.nanoTime() < deadline && published < 2_000) {
                service.publish("feed", Map.of("n", published, "pad", chunk)).toCompletableFuture().get();
                published++;
                assertThat(canary.next("message").path("data").path("n").asInt()).isEqualTo(published - 1);
            }
            assertThat(metrics.has("slow")).as("slow consumer detected after %d publications", published).isTrue();
            for (int i = 0; i < 20; i++) {
                service.publish("feed", Map.of("n", published + i)).toCompletableFuture().get();
                assertThat(canary.next("message").path("data").path("n").asInt()).isEqualTo(published + i);
            }
            assertThat(stalled.readUntilClose()).isIn(4001, -1);
            await().until(() -> metrics.has("disconnect:4001") || metrics.has("disconnect:1006"));
            await().until(() -> service.connectionCount() == 1);
        }
    }

    @Test
    void closesAConnectionWhoseWriteStallsPastTheSendTimeoutBeforeItsQueueOverflows() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        int queueBound = 64 * 1024 * 1024;
        try (WebSocketService service = TestServers.builder().outboundQueueBytes(queueBound)
                .outboundQueueMessages(1_000_000).sendTimeout(java.time.Duration.ofSeconds(1)).metrics(metrics)
                .build().start();
             TestClient canary = TestClient.connect(TestServers.uri(service));
             RawWebSocket stalled = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 4096)) {
            canary.send(Map.of("type", "subscribe", "topics", List.of("feed")));
            canary.next("subscribed");
            stalled.sendText("{\"type\":\"subscribe\",\"topics\":[\"feed\"]}");
            await().until(() -> metrics.events.stream().filter(e -> e.equals("subscribe:feed")).count() == 2);

            String chunk = "z".repeat(32 * 1024);
            long publishedBytes = 0;
            int published = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!metrics.has("slow") && System.nanoTime() < deadline && published < 600) {
                service.publish("feed", Map.of("n", published, "pad", chunk)).toCompletableFuture().get();
                publishedBytes += chunk.length();
                assertThat(canary.next("message").path("data").path("n").asInt()).isEqualTo(published);
                published++;
            }
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> metrics.has("slow"));
            assertThat(publishedBytes).as("the queue bound was never reached: the send timeout closed it")
                    .isLessThan(queueBound);
            assertThat(stalled.readUntilClose()).isIn(4001, -1);
            await().until(() -> service.connectionCount() == 1);
            service.publish("feed", Map.of("n", -1)).toCompletableFuture().get();
            assertThat(canary.next("message").path("data").path("n").asInt()).isEqualTo(-1);
        }
    }

    @Test
    void neverBlocksThePublisherOnAClientThatDoesNotRead() throws Exception {
        try (WebSocketService service = TestServers.builder().build().start();
             TestClient lazy = TestClient.connectWithoutReading(TestServers.uri(service))) {
            lazy.send(Map.of("type", "subscribe", "topics", List.of("t")));
            await().until(() -> service.runtime().hub().index().exactTopicCount() == 1);
            // 20 MB: more than loopback socket buffers and the 1 MiB queue bound can hold together
            String pad = "y".repeat(10 * 1024);
            long start = System.nanoTime();
            for (int i = 0; i < 2_000; i++) {
                service.publish("t", Map.of("i", i, "pad", pad)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            lazy.startReading();
            assertThat(lazy.awaitClose()).isEqualTo(4001);
        }
    }
}
