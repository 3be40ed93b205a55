package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

class HandshakeLimitsTest {

    private WebSocketService service;

    @AfterEach
    void stop() {
        service.stop();
    }

    @Test
    void refusesOriginsNotOnTheListWithHttp403() {
        service = TestServers.builder().allowOrigins("https://app.example.com").build().start();
        assertThat(TestClient.handshakeStatus(TestServers.uri(service), Map.of("Origin", "https://evil.example")))
                .isEqualTo(403);
        assertThat(TestClient.handshakeStatus(TestServers.uri(service), Map.of("Origin", "https://app.example.com")))
                .isEqualTo(-1);
        assertThat(TestClient.handshakeStatus(TestServers.uri(service), Map.of())).isEqualTo(-1);
    }

    @Test
    void allowsAnyOriginByDefault() {
        service = TestServers.builder().build().start();
        assertThat(TestClient.handshakeStatus(TestServers.uri(service), Map.of("Origin", "https://any.example")))
                .isEqualTo(-1);
    }

    @Test
    void refusesTheConnectionPastMaxConnectionsWithHttp503() {
        service = TestServers.builder().maxConnections(2).build().start();
        TestClient first = TestClient.connect(TestServers.uri(service));
        try (TestClient second = TestClient.connect(TestServers.uri(service))) {
            await().until(() -> service.connectionCount() == 2);
            assertThat(TestClient.handshakeStatus(TestServers.uri(service), Map.of())).isEqualTo(503);
            first.close();
            await().until(() -> service.connectionCount() == 1);
            assertThat(TestClient.handshakeStatus(TestServers.uri(service), Map.of())).isEqualTo(-1);
            second.send(Map.of("type", "ping"));
            second.next("pong");
        }
    }

    @Test
    void answersOtherPathsWithoutAnUpgrade() {
        service = TestServers.builder().build().start();
        assertThat(TestClient.handshakeStatus(
                java.net.URI.create("ws://127.0.0.1:" + service.port() + "/other"), Map.of())).isEqualTo(404);
    }
}
