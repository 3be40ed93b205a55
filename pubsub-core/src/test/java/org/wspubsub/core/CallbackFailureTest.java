package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.Connection;
import org.wspubsub.api.MetricsListener;
import org.wspubsub.core.testing.RecordingMetrics;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/** Host callbacks that throw, fail or hang never break delivery or anyone else's connection. */
class CallbackFailureTest {

    @Test
    void deniesATopicWhoseAuthorizerThrowsAndKeepsTheConnection() {
        try (WebSocketService service = TestServers.builder()
                .authorizeSubscribe((topic, connection) -> {
                    if (topic.equals("boom")) {
                        throw new IllegalStateException("acl exploded");
                    }
                    return CompletableFuture.completedFuture(true);
                }).build().start();
             TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "subscribe", "id", 1, "topics", List.of("boom", "fine")));
            JsonNode error = client.next("error");
            assertThat(error.path("code").asText()).isEqualTo("internal_error");
            assertThat(error.path("topic").asText()).isEqualTo("boom");
            assertThat(client.next("subscribed").path("topics")).extracting(JsonNode::asText).containsExactly("fine");
        }
    }

    @Test
    void timesOutAHangingAuthorizerWithoutHoldingOtherConnections() {
        try (WebSocketService service = TestServers.builder().callbackTimeout(Duration.ofMillis(300))
                .authorizeSubscribe((topic, connection) -> topic.equals("hang")
                        ? new CompletableFuture<>() : CompletableFuture.completedFuture(true))
                .build().start();
             TestClient stuck = TestClient.connect(TestServers.uri(service));
             TestClient other = TestClient.connect(TestServers.uri(service))) {
            stuck.send(Map.of("type", "subscribe", "id", 1, "topics", List.of("hang")));
            other.send(Map.of("type", "subscribe", "topics", List.of("fine")));
            other.next("subscribed");
            JsonNode error = stuck.next("error");
            assertThat(error.path("code").asText()).isEqualTo("internal_error");
            assertThat(stuck.next("subscribed").path("topics")).isEmpty();
        }
    }

    @Test
    void keepsDeliveringWhenEveryMetricsHookThrows() throws Exception {
        MetricsListener throwing = new MetricsListener() {
            @Override
            public void onConnection(Connection connection) {
                throw new IllegalStateException("metrics down");
            }

            @Override
            public void onMessage(Connection connection, String type) {
                throw new IllegalStateException("metrics down");
            }

            @Override
            public void onPublish(String topic, boolean fromThisNode) {
                throw new IllegalStateException("metrics down");
            }

            @Override
            public void onDeliver(String topic, int connections) {
                throw new IllegalStateException("metrics down");
            }

            @Override
            public void onSubscribe(Connection connection, String topic) {
                throw new IllegalStateException("metrics down");
            }
        };
        try (WebSocketService service = TestServers.builder().metrics(throwing).build().start();
             TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "subscribe", "topics", List.of("t")));
            client.next("subscribed");
            for (int i = 0; i < 5; i++) {
                service.publish("t", Map.of("i", i)).toCompletableFuture().get();
                assertThat(client.next("message").path("data").path("i").asInt()).isEqualTo(i);
            }
        }
    }

    @Test
    void callsMetricsHooksOnTheirOwnThreadNeverOnIoOrCallerThreads() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        try (WebSocketService service = TestServers.builder().metrics(metrics).build().start();
             TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "subscribe", "topics", List.of("t")));
            client.next("subscribed");
            service.publish("t", Map.of()).toCompletableFuture().get();
            client.next("message");
            await().until(() -> metrics.has("deliver:t:1") && metrics.has("message:subscribe"));
            assertThat(metrics.events).containsSubsequence("connect", "message:subscribe", "subscribe:t",
                    "publish:t:local", "deliver:t:1");
            assertThat(metrics.threads).allSatisfy(t -> assertThat(t.getName()).matches("wspubsub-\\d+-metrics-\\d+"));
        }
    }

    @Test
    void runsTheAuthenticatorOffTheIoThreads() {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (WebSocketService service = TestServers.builder()
                .authenticator((token, request) -> {
                    threads.add(Thread.currentThread().getName());
                    return CompletableFuture.completedFuture(java.util.Optional.of(
                            org.wspubsub.api.ConnectionContext.of(token)));
                }).build().start();
             TestClient viaQuery = TestClient.connect(TestServers.uri(service, "token=q"));
             TestClient viaFrame = TestClient.connect(TestServers.uri(service))) {
            viaQuery.next("auth.success");
            viaFrame.send(Map.of("type", "auth", "token", "f"));
            viaFrame.next("auth.success");
            assertThat(threads).hasSize(2).allSatisfy(name -> assertThat(name).matches("wspubsub-\\d+-callback-\\d+"));
        }
    }
}
