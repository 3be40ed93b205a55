package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/**
 * A host publication that could never fit in a subscriber's outbound queue fails its stage with
 * {@link IllegalArgumentException} and reaches no one, instead of closing every subscriber with 4001.
 */
class OversizedPublicationTest {

    @Test
    void failsAPublicationLargerThanTheOutboundQueueAndKeepsTheSubscribers() throws Exception {
        try (WebSocketService service = TestServers.builder().outboundQueueBytes(4096).build().start();
             TestClient subscriber = TestClient.connect(TestServers.uri(service))) {
            subscriber.send(Map.of("type", "subscribe", "id", 1, "topics", List.of("news")));
            subscriber.next("subscribed");

            assertThatThrownBy(() -> service.publish("news", Map.of("text", "x".repeat(5000)))
                    .toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outboundQueueBytes (4096)")
                    .hasMessageContaining("publish smaller messages or raise outboundQueueBytes");

            service.publish("news", Map.of("text", "small")).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(subscriber.next().path("data").path("text").asText()).isEqualTo("small");
            subscriber.send(Map.of("type", "ping", "id", 2));
            assertThat(subscriber.next("pong").path("id").asInt()).isEqualTo(2);
            assertThat(subscriber.isClosed()).isFalse();
        }
    }

    @Test
    void deliversAPublicationThatJustFitsTheOutboundQueue() throws Exception {
        try (WebSocketService service = TestServers.builder().outboundQueueBytes(4096).build().start();
             TestClient subscriber = TestClient.connect(TestServers.uri(service))) {
            subscriber.send(Map.of("type", "subscribe", "id", 1, "topics", List.of("news")));
            subscriber.next("subscribed");

            service.publish("news", Map.of("text", "y".repeat(3000))).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(subscriber.next("message").path("data").path("text").asText()).hasSize(3000);
        }
    }
}
