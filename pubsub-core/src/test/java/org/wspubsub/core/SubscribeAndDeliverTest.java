package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wspubsub.core.testing.TestClient.subscriber;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

class SubscribeAndDeliverTest {

    private final List<String> authorizedPatterns = new CopyOnWriteArrayList<>();
    private WebSocketService service;

    @BeforeEach
    void start() {
        service = TestServers.builder()
                .authorizeSubscribe((topic, connection) -> {
                    authorizedPatterns.add(topic);
                    return CompletableFuture.completedFuture(!topic.startsWith("secret"));
                })
                .build().start();
    }

    @AfterEach
    void stop() {
        service.stop();
    }

    private void publish(String topic, Object message) throws Exception {
        service.publish(topic, message).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void repliesSubscribedWithTheGrantedTopicsAndEchoesTheId() {
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "subscribe", "id", 7, "topics", List.of("a.b", "c.*")));
            JsonNode reply = client.next("subscribed");
            assertThat(reply.path("id").asInt()).isEqualTo(7);
            assertThat(reply.path("topics")).extracting(JsonNode::asText).containsExactly("a.b", "c.*");
        }
    }

    @Test
    void acceptsASingleTopicField() {
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "subscribe", "id", "s1", "topic", "room.1"));
            JsonNode reply = client.next("subscribed");
            assertThat(reply.path("id").asText()).isEqualTo("s1");
            assertThat(reply.path("topics")).extracting(JsonNode::asText).containsExactly("room.1");
        }
    }

    @Test
    void judgesEachTopicOnItsOwn() {
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "subscribe", "id", 1, "topics", List.of("ok.1", "user.4*", "secret.x", "ok.2")));
            JsonNode invalid = client.next("error");
            assertThat(invalid.path("code").asText()).isEqualTo("invalid_topic");
            assertThat(invalid.path("topic").asText()).isEqualTo("user.4*");
            assertThat(invalid.path("id").asInt()).isEqualTo(1);
            JsonNode forbidden = client.next("error");
            assertThat(forbidden.path("code").asText()).isEqualTo("forbidden");
            assertThat(forbidden.path("topic").asText()).isEqualTo("secret.x");
            assertThat(forbidden.path("id").asInt()).isEqualTo(1);
            JsonNode reply = client.next("subscribed");
            assertThat(reply.path("topics")).extracting(JsonNode::asText).containsExactly("ok.1", "ok.2");
        }
    }

    @Test
    void passesPatternsToTheAuthorizerExactlyAsSent() {
        try (TestClient client = subscriber(service, "room.*.messages", "user.>")) {
            assertThat(authorizedPatterns).contains("room.*.messages", "user.>");
        }
    }

    @Test
    void grantsARepeatedSubscriptionAgainWithoutChangingAnything() throws Exception {
        try (TestClient client = subscriber(service, "room.1")) {
            client.send(Map.of("type", "subscribe", "topics", List.of("room.1")));
            assertThat(client.next("subscribed").path("topics")).extracting(JsonNode::asText).containsExactly("room.1");
            publish("room.1", Map.of("n", 1));
            assertThat(client.next("message").path("data").path("n").asInt()).isEqualTo(1);
            assertThat(client.framesBeforePong()).isEmpty();
        }
    }

    @Test
    void deliversATypedObjectAsItIsWithTheTopicSetByTheServer() throws Exception {
        try (TestClient client = subscriber(service, "room.7.messages")) {
            publish("room.7.messages", Map.of("type", "chat_message", "topic", "spoofed", "data", Map.of("text", "hi")));
            JsonNode frame = client.next("chat_message");
            assertThat(frame.path("topic").asText()).isEqualTo("room.7.messages");
            assertThat(frame.path("data").path("text").asText()).isEqualTo("hi");
        }
    }

    @Test
    void wrapsAnythingElseAsAMessage() throws Exception {
        try (TestClient client = subscriber(service, "t.1")) {
            publish("t.1", "plain text");
            publish("t.1", List.of(1, 2));
            publish("t.1", Map.of("type", 5));
            JsonNode text = client.next("message");
            assertThat(text.path("topic").asText()).isEqualTo("t.1");
            assertThat(text.path("data").asText()).isEqualTo("plain text");
            assertThat(client.next("message").path("data")).hasSize(2);
            assertThat(client.next("message").path("data").path("type").asInt()).isEqualTo(5);
        }
    }

    @Test
    void deliversOnceWhenSeveralSubscriptionsMatch() throws Exception {
        try (TestClient client = subscriber(service, "room.7.messages", "room.*.messages", "room.>")) {
            publish("room.7.messages", Map.of("n", 1));
            assertThat(client.next("message").path("data").path("n").asInt()).isEqualTo(1);
            assertThat(client.framesBeforePong()).isEmpty();
        }
    }

    @Test
    void routesWildcardsByTheProtocolRules() throws Exception {
        try (TestClient client = subscriber(service, "room.>", "user.*.notifications")) {
            publish("room", Map.of("n", "room"));
            publish("user.42.x.notifications", Map.of("n", "deep"));
            publish("room.7", Map.of("n", "room.7"));
            publish("room.7.messages", Map.of("n", "room.7.messages"));
            publish("user.42.notifications", Map.of("n", "user"));
            assertThat(client.next().path("data").path("n").asText()).isEqualTo("room.7");
            assertThat(client.next().path("data").path("n").asText()).isEqualTo("room.7.messages");
            assertThat(client.next().path("data").path("n").asText()).isEqualTo("user");
            assertThat(client.framesBeforePong()).isEmpty();
        }
    }

    @Test
    void stopsDeliveringAfterUnsubscribe() throws Exception {
        try (TestClient client = subscriber(service, "a.1", "a.2")) {
            client.send(Map.of("type", "unsubscribe", "id", 3, "topics", List.of("a.1")));
            JsonNode reply = client.next("unsubscribed");
            assertThat(reply.path("id").asInt()).isEqualTo(3);
            assertThat(reply.path("topics")).extracting(JsonNode::asText).containsExactly("a.1");
            publish("a.1", Map.of("n", 1));
            publish("a.2", Map.of("n", 2));
            assertThat(client.next("message").path("topic").asText()).isEqualTo("a.2");
            assertThat(client.framesBeforePong()).isEmpty();
        }
    }

    @Test
    void refusesHostPublicationsWithReservedTypes() {
        for (String reserved : List.of("auth.success", "subscribed", "unsubscribed", "published", "pong", "error")) {
            assertThatThrownBy(() -> publish("t.1", Map.of("type", reserved)))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reserved");
        }
    }

    @Test
    void refusesInvalidTopicsAndUnserializableMessages() {
        assertThatThrownBy(() -> publish("room.*", Map.of()))
                .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid topic");
        assertThatThrownBy(() -> publish("a..b", Map.of()))
                .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> publish("t.1", new Object()))
                .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("could not be serialized");
    }
}
