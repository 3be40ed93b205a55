package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.PublishAuthorizer;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

class ClientPublishTest {

    private WebSocketService service;

    @AfterEach
    void stop() {
        service.stop();
    }

    @Test
    void deniesClientPublishingWhenNoAuthorizerIsConfigured() {
        service = TestServers.builder().build().start();
        try (TestClient listener = TestClient.subscriber(service, "room.1.typing");
             TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "publish", "id", 4, "topic", "room.1.typing", "data", true));
            JsonNode error = client.next("error");
            assertThat(error.path("code").asText()).isEqualTo("forbidden");
            assertThat(error.path("id").asInt()).isEqualTo(4);
            assertThat(error.path("topic").asText()).isEqualTo("room.1.typing");
            assertThat(listener.framesBeforePong()).isEmpty();
        }
    }

    @Test
    void deliversAnAllowedPublishWithTheSenderAndRepliesPublished() {
        service = TestServers.builder()
                .authenticator((token, request) -> CompletableFuture.completedFuture(Optional.of(ConnectionContext.of(token))))
                .authorizePublish((topic, connection) -> CompletableFuture.completedFuture(topic.endsWith(".typing")))
                .build().start();
        try (TestClient listener = TestClient.subscriber(service, "room.*.typing");
             TestClient client = TestClient.connect(TestServers.uri(service, "token=alice"))) {
            client.next("auth.success");
            client.send(Map.of("type", "publish", "id", "p1", "topic", "room.1.typing", "event", "typing",
                    "data", Map.of("on", true)));
            assertThat(client.next("published").path("id").asText()).isEqualTo("p1");
            JsonNode delivered = listener.next("typing");
            assertThat(delivered.path("topic").asText()).isEqualTo("room.1.typing");
            assertThat(delivered.path("data").path("on").asBoolean()).isTrue();
            assertThat(delivered.path("from").path("userId").asText()).isEqualTo("alice");

            client.send(Map.of("type", "publish", "id", "p2", "topic", "room.1.messages", "data", 1));
            JsonNode refused = client.next("error");
            assertThat(refused.path("code").asText()).isEqualTo("forbidden");
            assertThat(refused.path("id").asText()).isEqualTo("p2");

            client.send(Map.of("type", "publish", "topic", "room.1.typing", "data", "x"));
            client.next("published");
            assertThat(listener.next("message").path("data").asText()).isEqualTo("x");
        }
    }

    /**
     * A client publishing to its own topic while the host publishes to it from its own thread: the
     * client's copies, its {@code published} replies and the host's publications all pass through
     * the connection's one outbound queue, and each publisher's order and the copy-before-reply rule
     * must hold.
     */
    @Test
    void keepsEveryOrderWhenAClientAndTheHostPublishToTheSameConnection() throws Exception {
        service = TestServers.builder()
                .authorizePublish((topic, connection) -> CompletableFuture.completedFuture(true))
                .maxPendingRequests(400)
                .build().start();
        int count = 300;
        try (TestClient client = TestClient.subscriber(service, "echo.me")) {
            Thread host = hostPublishing("echo.me", count);
            for (int n = 0; n < count; n++) {
                client.send(Map.of("type", "publish", "id", n, "topic", "echo.me", "data", n));
            }
            int nextHost = 0;
            int nextCopy = 0;
            int nextReply = 0;
            while (nextHost < count || nextReply < count) {
                JsonNode frame = client.next();
                switch (frame.path("type").asText()) {
                    case "host" -> assertThat(frame.path("h").asInt()).isEqualTo(nextHost++);
                    case "message" -> assertThat(frame.path("data").asInt()).isEqualTo(nextCopy++);
                    case "published" -> {
                        assertThat(frame.path("id").asInt()).isEqualTo(nextReply++);
                        assertThat(nextCopy).as("copy %d before its reply", nextReply - 1).isEqualTo(nextReply);
                    }
                    default -> throw new AssertionError("unexpected frame " + frame);
                }
            }
            host.join();
            assertThat(nextCopy).isEqualTo(count);
        }
    }

    /**
     * A client's publications to many subscribers, spread over two fan-out workers, while the host
     * publishes to the same topic from its own thread: every subscriber must get each publisher's
     * frames in order, exactly once.
     */
    @Test
    void keepsEachPublishersOrderAtEverySubscriberWhenAClientAndTheHostPublishToManySubscribers() throws Exception {
        service = TestServers.builder().fanOutThreads(2)
                .authorizePublish(PublishAuthorizer.ALLOW_ALL)
                .maxPendingRequests(2000)
                .build().start();
        int subscribers = 45;
        int count = 1000;
        List<TestClient> listeners = new ArrayList<>();
        try (TestClient publisher = TestClient.connect(TestServers.uri(service))) {
            for (int i = 0; i < subscribers; i++) {
                listeners.add(TestClient.subscriber(service, "room.busy"));
            }
            Thread host = hostPublishing("room.busy", count);
            for (int n = 0; n < count; n++) {
                publisher.send(Map.of("type", "publish", "id", n, "topic", "room.busy", "data", n));
            }
            for (int n = 0; n < count; n++) {
                assertThat(publisher.next("published").path("id").asInt()).isEqualTo(n);
            }
            host.join();
            for (TestClient listener : listeners) {
                int nextHost = 0;
                int nextCopy = 0;
                while (nextHost < count || nextCopy < count) {
                    JsonNode frame = listener.next();
                    switch (frame.path("type").asText()) {
                        case "host" -> assertThat(frame.path("h").asInt()).isEqualTo(nextHost++);
                        case "message" -> assertThat(frame.path("data").asInt()).isEqualTo(nextCopy++);
                        default -> throw new AssertionError("unexpected frame " + frame);
                    }
                }
                assertThat(listener.framesBeforePong()).as("nothing more than each publication once").isEmpty();
            }
        } finally {
            listeners.forEach(TestClient::close);
        }
    }

    /** A started host thread publishing {@code {"type":"host","h":0…count-1}} to {@code topic}. */
    private Thread hostPublishing(String topic, int count) {
        Thread host = new Thread(() -> {
            for (int h = 0; h < count; h++) {
                service.publish(topic, Map.of("type", "host", "h", h));
            }
        });
        host.start();
        return host;
    }

    @Test
    void refusesReservedEventsAndInvalidTopics() {
        service = TestServers.builder()
                .authorizePublish((topic, connection) -> CompletableFuture.completedFuture(true))
                .build().start();
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "publish", "id", 1, "topic", "a.b", "event", "subscribed", "data", 1));
            assertThat(client.next("error").path("code").asText()).isEqualTo("bad_request");
            client.send(Map.of("type", "publish", "id", 2, "topic", "a.*", "data", 1));
            JsonNode invalid = client.next("error");
            assertThat(invalid.path("code").asText()).isEqualTo("invalid_topic");
            assertThat(invalid.path("id").asInt()).isEqualTo(2);
        }
    }

    @Test
    void answersInternalErrorWhenThePublishAuthorizerThrows() {
        service = TestServers.builder()
                .authorizePublish((topic, connection) -> {
                    throw new IllegalStateException("acl down");
                })
                .build().start();
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "publish", "id", 1, "topic", "a.b", "data", 1));
            assertThat(client.next("error").path("code").asText()).isEqualTo("internal_error");
            client.send(Map.of("type", "ping"));
            client.next("pong");
        }
    }
}
