package org.wspubsub.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.TestClient;

/** The example's HTTP endpoints on the WebSocket port. */
class ExampleHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ExampleServer.Running running;

    @BeforeEach
    void start() {
        running = ExampleServer.start(ExampleConfig.fromEnvironment(Map.of("PORT", "0")));
    }

    @AfterEach
    void stop() {
        running.stop();
    }

    private String base() {
        return "http://127.0.0.1:" + running.service().port();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(String user, List<String> roles) {
        return running.tokens().mint(user, roles, List.of("1"), Duration.ofMinutes(5));
    }

    @Test
    void reportsHealthWithTheNumberOfOpenConnections() throws Exception {
        try (TestClient client = TestClient.connect(URI.create("ws://127.0.0.1:" + running.service().port()
                + "/ws?token=" + token("alice", List.of())))) {
            client.next("auth.success");
            HttpResponse<String> health = get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(health.body());
            assertThat(body.path("status").asText()).isEqualTo("ok");
            assertThat(body.path("connections").asInt()).isEqualTo(1);
            assertThat(body.path("adapter").asText()).isEqualTo("UP");
        }
    }

    @Test
    void publishesForAdminsOnlyWithTheRightStatuses() throws Exception {
        try (TestClient alice = TestClient.connect(URI.create("ws://127.0.0.1:" + running.service().port()
                + "/ws?token=" + token("alice", List.of())))) {
            alice.next("auth.success");
            alice.send(Map.of("type", "subscribe", "topics", List.of("system.announcements")));
            alice.next("subscribed");
            String message = "{\"topic\":\"system.announcements\",\"message\":{\"type\":\"system_broadcast\",\"data\":{\"text\":\"hi\"}}}";
            assertThat(post("/publish", null, message).statusCode()).isEqualTo(401);
            assertThat(post("/publish", "not-a-token", message).statusCode()).isEqualTo(401);
            assertThat(post("/publish", token("alice", List.of()), message).statusCode()).isEqualTo(403);
            String admin = token("root", List.of("admin"));
            assertThat(post("/publish", admin, "not json").statusCode()).isEqualTo(400);
            assertThat(post("/publish", admin, "{\"topic\":\"a.*\",\"message\":1}").statusCode()).isEqualTo(400);
            assertThat(post("/publish", admin, "{\"topic\":\"a\",\"message\":{\"type\":\"pong\"}}").statusCode())
                    .isEqualTo(400);
            HttpResponse<String> accepted = post("/publish", admin, message);
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(alice.next("system_broadcast").path("data").path("text").asText()).isEqualTo("hi");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/publish")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        }
    }

    @Test
    void exposesMetricsInPrometheusFormat() throws Exception {
        try (TestClient alice = TestClient.connect(URI.create("ws://127.0.0.1:" + running.service().port()
                + "/ws?token=" + token("alice", List.of())))) {
            alice.next("auth.success");
            alice.send(Map.of("type", "subscribe", "topics", List.of("system.announcements", "user.bob.x")));
            alice.next("error");
            alice.next("subscribed");
            running.notifications().broadcast("x").toCompletableFuture().get();
            alice.next("system_broadcast");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = get("/metrics").body();
            assertThat(metrics).contains("wspubsub_connections_opened_total 1.0");
            assertThat(metrics).contains("wspubsub_connections_closed_total{code=\"1000\"} 1.0");
            assertThat(metrics).contains("wspubsub_connections_active 0.0");
            assertThat(metrics).contains("wspubsub_messages_received_total{type=\"subscribe\"} 1.0");
            assertThat(metrics).contains("wspubsub_errors_total{code=\"forbidden\"} 1.0");
            assertThat(metrics).contains("wspubsub_publications_total{origin=\"local\"}");
            assertThat(metrics).contains("wspubsub_deliveries_total 1.0");
            assertThat(metrics).contains("wspubsub_adapter_up 1.0");
            assertThat(metrics).contains("wspubsub_adapter_errors_total 0.0");
            assertThat(metrics).doesNotContain("alice").doesNotContain("system.announcements");
        });
    }

    @Test
    void servesTheDemoAndMintsDevelopmentTokens() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("text/html"));
        assertThat(page.body()).contains("demo.js");
        assertThat(get("/pubsub-client.js").statusCode()).isEqualTo(200);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
        HttpResponse<String> minted = post("/dev/token", null, "{\"sub\":\"carol\",\"roles\":[\"admin\"],\"rooms\":[\"1\"]}");
        assertThat(minted.statusCode()).isEqualTo(200);
        String token = JSON.readTree(minted.body()).path("token").asText();
        assertThat(running.tokens().verify(token)).hasValueSatisfying(c -> assertThat(c.userId()).isEqualTo("carol"));
    }

    @Test
    void doesNotMintTokensWithARealSecret() throws Exception {
        ExampleServer.Running real = ExampleServer.start(ExampleConfig.fromEnvironment(Map.of("PORT", "0",
                "JWT_SECRET", "a-real-secret")));
        try {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + real.service().port() + "/dev/token")).POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"x\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(404);
        } finally {
            real.stop();
        }
    }

    @Test
    void postsChatMessagesOfRoomMembers() throws Exception {
        try (TestClient alice = TestClient.connect(URI.create("ws://127.0.0.1:" + running.service().port()
                + "/ws?token=" + token("alice", List.of())))) {
            alice.next("auth.success");
            alice.send(Map.of("type", "subscribe", "topics", List.of("room.1.messages")));
            alice.next("subscribed");
            assertThat(post("/chat", token("bob", List.of()), "{\"room\":\"1\",\"text\":\"hello\"}").statusCode())
                    .isEqualTo(202);
            assertThat(alice.next("chat_message").path("data").path("text").asText()).isEqualTo("hello");
            assertThat(post("/chat", token("bob", List.of()), "{\"room\":\"2\",\"text\":\"x\"}").statusCode())
                    .isEqualTo(403);
            assertThat(post("/chat", null, "{\"room\":\"1\",\"text\":\"x\"}").statusCode()).isEqualTo(401);
        }
    }
}
