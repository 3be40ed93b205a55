package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.wspubsub.adapter.inmemory.InMemoryAdapter;
import org.wspubsub.adapter.inmemory.InMemoryBroker;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

class RequestOrderingTest {

    @Test
    void answersRateLimitedWhenTooManyRequestsWaitAndServesTheRestInOrder() {
        CompletableFuture<Boolean> gate = new CompletableFuture<>();
        try (WebSocketService service = TestServers.builder().maxPendingRequests(3).callbackTimeout(Duration.ofSeconds(30))
                .authorizeSubscribe((topic, connection) -> topic.equals("gated") ? gate
                        : CompletableFuture.completedFuture(true))
                .build().start();
             TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "subscribe", "id", 0, "topics", List.of("gated")));
            for (int i = 1; i <= 4; i++) {
                client.send(Map.of("type", "subscribe", "id", i, "topics", List.of("t." + i)));
            }
            List<JsonNode> limited = new ArrayList<>();
            limited.add(client.next("error"));
            limited.add(client.next("error"));
            assertThat(limited).allSatisfy(e -> assertThat(e.path("code").asText()).isEqualTo("rate_limited"));
            gate.complete(true);
            List<Integer> answered = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answered.add(client.next("subscribed").path("id").asInt());
            }
            assertThat(answered).containsExactly(0, 1, 2);
        }
    }

    /**
     * Thousands of requests wait behind one that waits for the host; once it answers they all end
     * at once, one after another on the thread that took the answer. That must be a loop, not one
     * stack level per request (a chain of futures overflowed the stack here).
     */
    @Test
    void servesAThousandsLongLineOfWaitingRequestsInOrder() {
        int waiting = 5_000;
        CompletableFuture<Boolean> gate = new CompletableFuture<>();
        try (WebSocketService service = TestServers.builder().maxPendingRequests(waiting + 1)
                .callbackTimeout(Duration.ofSeconds(30))
                .authorizeSubscribe((topic, connection) -> gate)
                .build().start();
             TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "subscribe", "id", "gated", "topics", List.of("gated")));
            for (int i = 0; i < waiting; i++) {
                client.send(Map.of("type", "ping", "id", i));
            }
            client.send(Map.of("type", "ping", "id", "last"));
            assertThat(client.next("error").path("code").asText()).isEqualTo("rate_limited"); // one over the limit

            gate.complete(true);

            assertThat(client.next("subscribed").path("id").asText()).isEqualTo("gated");
            for (int i = 0; i < waiting; i++) {
                assertThat(client.next("pong").path("id").asInt()).isEqualTo(i);
            }
        }
    }

    @Test
    void keepsEachPublishersOrderAcrossNodes() throws Exception {
        InMemoryBroker broker = new InMemoryBroker();
        try (WebSocketService a = TestServers.builder().adapter(InMemoryAdapter.create(broker)).build().start();
             WebSocketService b = TestServers.builder().adapter(InMemoryAdapter.create(broker)).build().start();
             TestClient onB = TestClient.connect(TestServers.uri(b))) {
            onB.send(Map.of("type", "subscribe", "topics", List.of("seq")));
            onB.next("subscribed");
            for (int i = 0; i < 300; i++) {
                a.publish("seq", Map.of("i", i));
            }
            for (int i = 0; i < 300; i++) {
                assertThat(onB.next("message").path("data").path("i").asInt()).isEqualTo(i);
            }
        }
    }

    @Test
    void negotiatesNoCompressionExtension() throws IOException {
        try (WebSocketService service = TestServers.builder().build().start();
             RawWebSocket raw = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0,
                     "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")) {
            assertThat(raw.handshakeResponse().toLowerCase()).doesNotContain("sec-websocket-extensions");
            raw.sendText("{\"type\":\"ping\"}");
            assertThat(raw.readFrame().text()).contains("pong");
        }
    }
}
