package org.wspubsub.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.TestClient;

/** The example server over a real socket: JWT authentication and the seed's authorization rules. */
class ExampleServerTest {

    private ExampleServer.Running running;

    @BeforeEach
    void start() {
        running = ExampleServer.start(ExampleConfig.fromEnvironment(Map.of("PORT", "0", "JWT_SECRET", "test-secret")));
    }

    @AfterEach
    void stop() {
        running.stop();
    }

    private String token(String user, List<String> roles, List<String> rooms) {
        return running.tokens().mint(user, roles, rooms, Duration.ofMinutes(5));
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + running.service().port() + "/ws");
    }

    private TestClient connect(String token) {
        TestClient client = TestClient.connect(uri());
        client.send(Map.of("type", "auth", "token", token));
        client.next("auth.success");
        return client;
    }

    @Test
    void appliesTheSeedAuthorizationRulesToTopicsAndPatterns() {
        try (TestClient alice = connect(token("alice", List.of(), List.of("1")))) {
            alice.send(Map.of("type", "subscribe", "topics", List.of(
                    "user.alice.notifications", "user.alice.>", "room.1.messages", "room.1.*", "system.>",
                    "public.news", "user.bob.notifications", "user.*.notifications", "room.2.messages", "room.*.messages",
                    "room.>", "admin.audit", "*.alice.notifications", ">")));
            JsonNode subscribed = alice.nextMatching(f -> f.path("type").asText().equals("subscribed"), null);
            assertThat(subscribed.path("topics")).extracting(JsonNode::asText).containsExactly(
                    "user.alice.notifications", "user.alice.>", "room.1.messages", "room.1.*", "system.>", "public.news");
        }
        try (TestClient admin = connect(token("root", List.of("admin"), List.of()))) {
            admin.send(Map.of("type", "subscribe", "topics", List.of("admin.audit", "admin.>")));
            assertThat(admin.nextMatching(f -> f.path("type").asText().equals("subscribed"), null).path("topics"))
                    .hasSize(2);
        }
    }

    @Test
    void refusesUnauthenticatedRequestsAndBadTokens() {
        try (TestClient anonymous = TestClient.connect(URI.create("ws://127.0.0.1:" + running.service().port() + "/ws"))) {
            anonymous.send(Map.of("type", "subscribe", "topics", List.of("system.clock")));
            assertThat(anonymous.next("error").path("code").asText()).isEqualTo("unauthorized");
            anonymous.send(Map.of("type", "auth", "token", "garbage"));
            anonymous.next("error");
            assertThat(anonymous.awaitClose()).isEqualTo(4401);
        }
        assertThat(TestClient.handshakeStatus(URI.create("ws://127.0.0.1:" + running.service().port()
                + "/ws?token=" + new org.wspubsub.examples.auth.JwtTokens("wrong").mint("a", List.of(), List.of(),
                Duration.ofMinutes(1))), Map.of())).isEqualTo(401);
    }

    @Test
    void letsMembersPublishTypingIndicatorsToTheirRoomsOnly() {
        try (TestClient bob = TestClient.subscriber(uri(), token("bob", List.of(), List.of("1")), "room.1.typing");
             TestClient alice = connect(token("alice", List.of(), List.of("1")))) {
            alice.send(Map.of("type", "publish", "id", 1, "topic", "room.1.typing", "event", "typing",
                    "data", Map.of("typing", true)));
            alice.next("published");
            JsonNode typing = bob.next("typing");
            assertThat(typing.path("from").path("userId").asText()).isEqualTo("alice");
            alice.send(Map.of("type", "publish", "id", 2, "topic", "room.2.typing", "data", true));
            assertThat(alice.next("error").path("code").asText()).isEqualTo("forbidden");
            alice.send(Map.of("type", "publish", "id", 3, "topic", "room.1.messages", "data", "x"));
            assertThat(alice.next("error").path("code").asText()).isEqualTo("forbidden");
        }
    }

    @Test
    void deliversWhatTheNotificationServicePublishes() throws Exception {
        try (TestClient alice = TestClient.subscriber(uri(), token("alice", List.of(), List.of("7")),
                "user.alice.notifications", "system.announcements", "room.7.messages")) {
            running.notifications().notifyUser("alice", "Hi", "Welcome").toCompletableFuture().get();
            running.notifications().broadcast("maintenance at noon").toCompletableFuture().get();
            running.notifications().sendRoomMessage("7", "bob", "hello room").toCompletableFuture().get();
            assertThat(alice.next("notification").path("data").path("title").asText()).isEqualTo("Hi");
            assertThat(alice.next("system_broadcast").path("data").path("text").asText()).isEqualTo("maintenance at noon");
            JsonNode chat = alice.next("chat_message");
            assertThat(chat.path("topic").asText()).isEqualTo("room.7.messages");
            assertThat(chat.path("data").path("from").asText()).isEqualTo("bob");
        }
    }

    @Test
    void readsItsConfigurationFromTheEnvironment() {
        ExampleConfig defaults = ExampleConfig.fromEnvironment(Map.of());
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.adapter()).isEqualTo("inmemory");
        assertThat(defaults.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(defaults.developmentSecret()).isTrue();
        assertThat(ExampleConfig.fromEnvironment(Map.of("JWT_SECRET", "s")).developmentSecret()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExampleConfig.fromEnvironment(Map.of("ADAPTER", "kafka")))
                .hasMessageContaining("inmemory");
    }
}
