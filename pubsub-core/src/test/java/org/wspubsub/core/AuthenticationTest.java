package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.Authenticator;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.HandshakeRequest;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

class AuthenticationTest {

    private final List<HandshakeRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private WebSocketService service;

    /** Accepts tokens of the form "good-<user>". */
    private final Authenticator tokensStartingWithGood = (token, request) -> {
        tokens.add(token);
        requests.add(request);
        return CompletableFuture.completedFuture(token.startsWith("good-")
                ? Optional.of(new ConnectionContext(token.substring(5), Set.of("reader"), Map.of("k", "v")))
                : Optional.empty());
    };

    private WebSocketService start(WebSocketServiceBuilder builder) {
        service = builder.build().start();
        return service;
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void authenticatesWithTheQueryParameter() {
        start(TestServers.builder().authenticator(tokensStartingWithGood));
        try (TestClient client = TestClient.connect(TestServers.uri(service, "token=good-alice"))) {
            JsonNode success = client.next("auth.success");
            assertThat(success.path("userId").asText()).isEqualTo("alice");
            assertThat(success.path("sessionId").asText()).isNotBlank();
        }
        HandshakeRequest request = requests.get(0);
        assertThat(request.path()).isEqualTo("/ws");
        assertThat(request.queryParameter("token")).contains("good-alice");
        assertThat(request.remoteAddress()).startsWith("127.0.0.1:");
        assertThat(request.header("HOST")).isPresent();
        // the request is kept for the connection's life: what only served the upgrade is not
        assertThat(request.headers()).doesNotContainKeys("sec-websocket-key", "sec-websocket-version", "upgrade",
                "connection");
    }

    @Test
    void authenticatesWithTheBearerHeader() {
        start(TestServers.builder().authenticator(tokensStartingWithGood));
        try (TestClient client = TestClient.connect(TestServers.uri(service),
                Map.of("Authorization", "Bearer good-bob", "X-Tenant", "blue"))) {
            assertThat(client.next("auth.success").path("userId").asText()).isEqualTo("bob");
        }
        assertThat(requests.get(0).header("x-tenant")).contains("blue");
        assertThat(requests.get(0).header("Authorization")).contains("Bearer good-bob");
    }

    @Test
    void prefersTheQueryParameterOverTheHeader() {
        start(TestServers.builder().authenticator(tokensStartingWithGood));
        try (TestClient client = TestClient.connect(TestServers.uri(service, "token=good-query"),
                Map.of("Authorization", "Bearer good-header"))) {
            assertThat(client.next("auth.success").path("userId").asText()).isEqualTo("query");
        }
        assertThat(tokens).containsExactly("good-query");
    }

    @Test
    void authenticatesWithTheAuthFrameAndEchoesTheId() {
        start(TestServers.builder().authenticator(tokensStartingWithGood));
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "auth", "id", "a1", "token", "good-carol"));
            JsonNode success = client.next("auth.success");
            assertThat(success.path("userId").asText()).isEqualTo("carol");
            assertThat(success.path("id").asText()).isEqualTo("a1");
        }
    }

    @Test
    void givesAnAuthFrameTheWholeUpgradeRequestThoughTheContainerGetsLess() {
        // the standalone server hands Tyrus only the headers it reads and no query string;
        // the authenticator of a later auth frame must still see everything the client sent
        start(TestServers.builder().authenticator(tokensStartingWithGood));
        try (TestClient client = TestClient.connect(TestServers.uri(service, "room=5&room=6&lang=fr"),
                Map.of("X-Tenant", "blue", "Cookie", "sid=abc"))) {
            client.send(Map.of("type", "auth", "id", "a1", "token", "good-dave"));
            assertThat(client.next("auth.success").path("userId").asText()).isEqualTo("dave");
        }
        HandshakeRequest request = requests.get(0);
        assertThat(request.path()).isEqualTo("/ws");
        assertThat(request.header("x-tenant")).contains("blue");
        assertThat(request.header("cookie")).contains("sid=abc");
        assertThat(request.queryParameters()).containsEntry("room", List.of("5", "6")).containsEntry("lang", List.of("fr"));
        assertThat(request.remoteAddress()).startsWith("127.0.0.1:");
    }

    @Test
    void refusesABadHandshakeTokenWithHttp401BeforeAnySessionExists() {
        start(TestServers.builder().authenticator(tokensStartingWithGood));
        assertThat(TestClient.handshakeStatus(TestServers.uri(service, "token=bad"), Map.of())).isEqualTo(401);
        assertThat(TestClient.handshakeStatus(TestServers.uri(service), Map.of("Authorization", "Bearer bad")))
                .isEqualTo(401);
        assertThat(service.connectionCount()).isZero();
    }

    @Test
    void refusesAHandshakeWithHttp401WhenTheAuthenticatorThrows() {
        start(TestServers.builder().authenticator((token, request) -> {
            throw new IllegalStateException("token service down");
        }));
        assertThat(TestClient.handshakeStatus(TestServers.uri(service, "token=x"), Map.of())).isEqualTo(401);
    }

    @Test
    void closesWith4401AfterAnUnauthorizedErrorForABadAuthFrame() {
        start(TestServers.builder().authenticator(tokensStartingWithGood));
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "auth", "id", 9, "token", "bad"));
            JsonNode error = client.next("error");
            assertThat(error.path("code").asText()).isEqualTo("unauthorized");
            assertThat(error.path("id").asInt()).isEqualTo(9);
            assertThat(error.toString()).doesNotContain("bad\"");
            assertThat(client.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void closesWith4401WhenTheAuthenticatorFailsOrHangsOnAnAuthFrame() {
        start(TestServers.builder().callbackTimeout(Duration.ofMillis(300))
                .authenticator((token, request) -> token.equals("hang")
                        ? new CompletableFuture<>()
                        : CompletableFuture.failedFuture(new IllegalStateException("boom"))));
        for (String token : List.of("fail", "hang")) {
            try (TestClient client = TestClient.connect(TestServers.uri(service))) {
                client.send(Map.of("type", "auth", "token", token));
                assertThat(client.next("error").path("code").asText()).isEqualTo("unauthorized");
                assertThat(client.awaitClose()).isEqualTo(4401);
            }
        }
    }

    @Test
    void refusesAnAuthFrameWhenNoAuthenticatorIsConfigured() {
        start(TestServers.builder());
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "auth", "token", "anything"));
            assertThat(client.next("error").path("code").asText()).isEqualTo("unauthorized");
            assertThat(client.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void allowsOnlyAuthAndPingBeforeAuthenticationWhenRequired() {
        start(TestServers.builder().authenticator(tokensStartingWithGood).requireAuthentication(true));
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "subscribe", "id", 1, "topics", List.of("a")));
            JsonNode refused = client.next("error");
            assertThat(refused.path("code").asText()).isEqualTo("unauthorized");
            assertThat(refused.path("id").asInt()).isEqualTo(1);
            client.send(Map.of("type", "publish", "topic", "a", "data", 1));
            assertThat(client.next("error").path("code").asText()).isEqualTo("unauthorized");
            client.send(Map.of("type", "ping", "id", 2));
            assertThat(client.next("pong").path("id").asInt()).isEqualTo(2);

            client.send(Map.of("type", "auth", "token", "good-dave"));
            client.next("auth.success");
            client.send(Map.of("type", "subscribe", "topics", List.of("a")));
            client.next("subscribed");
        }
    }

    @Test
    void closesWith4408WhenTheClientDoesNotAuthenticateInTime() {
        start(TestServers.builder().authenticator(tokensStartingWithGood).requireAuthentication(true)
                .authTimeout(Duration.ofMillis(300)));
        try (TestClient silent = TestClient.connect(TestServers.uri(service));
             TestClient authenticated = TestClient.connect(TestServers.uri(service, "token=good-erin"))) {
            authenticated.next("auth.success");
            assertThat(silent.awaitClose()).isEqualTo(4408);
            assertThat(authenticated.isClosed()).isFalse();
            authenticated.send(Map.of("type", "ping"));
            authenticated.next("pong");
        }
    }

    @Test
    void letsAnAuthenticatedUserRefreshButNotSwitchUsers() {
        start(TestServers.builder().authenticator(tokensStartingWithGood));
        try (TestClient client = TestClient.connect(TestServers.uri(service, "token=good-frank"))) {
            client.next("auth.success");
            client.send(Map.of("type", "auth", "token", "good-frank"));
            assertThat(client.next("auth.success").path("userId").asText()).isEqualTo("frank");
            client.send(Map.of("type", "auth", "token", "good-mallory"));
            assertThat(client.next("error").path("code").asText()).isEqualTo("bad_request");
            client.send(Map.of("type", "ping"));
            client.next("pong");
        }
    }

    @Test
    void givesAuthorizersTheAuthenticatedContext() {
        List<Optional<String>> seen = new CopyOnWriteArrayList<>();
        start(TestServers.builder().authenticator(tokensStartingWithGood)
                .authorizeSubscribe((topic, connection) -> {
                    seen.add(connection.userId());
                    return CompletableFuture.completedFuture(connection.roles().contains("reader")
                            && connection.context().orElseThrow().metadata().get("k").equals("v"));
                }));
        try (TestClient client = TestClient.connect(TestServers.uri(service, "token=good-gina"))) {
            client.next("auth.success");
            client.send(Map.of("type", "subscribe", "topics", List.of("news")));
            assertThat(client.next("subscribed").path("topics")).hasSize(1);
        }
        await().until(() -> !seen.isEmpty());
        assertThat(seen).containsExactly(Optional.of("gina"));
    }
}
