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

    /** Reads until the server closes the socket; -2 when it is still open after 10 s. */
    private static int readUntilEof(java.net.Socket socket) throws java.io.IOException {
        socket.setSoTimeout(10_000);
        try {
            while (socket.getInputStream().read() >= 0) {
                // discard whatever the server answers
            }
            return -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return -2;
        }
    }

    @Test
    void closesSocketsThatNeverCompleteAnUpgrade() throws Exception {
        service = TestServers.builder().handshakeTimeout(java.time.Duration.ofSeconds(1)).build().start();
        try (java.net.Socket silent = new java.net.Socket("127.0.0.1", service.port());
             java.net.Socket slowloris = new java.net.Socket("127.0.0.1", service.port())) {
            slowloris.getOutputStream().write("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            assertThat(readUntilEof(silent)).isEqualTo(-1);
            assertThat(readUntilEof(slowloris)).isEqualTo(-1);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(8));
        }
    }

    @Test
    void keepsUpgradedConnectionsPastTheHandshakeTimeout() {
        service = TestServers.builder().handshakeTimeout(java.time.Duration.ofSeconds(1)).build().start();
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            await().during(java.time.Duration.ofMillis(3_000)).atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> !client.isClosed());
            client.send(Map.of("type", "ping"));
            client.next("pong");
        }
    }

    @Test
    void answersOtherPathsWithoutAnUpgrade() {
        service = TestServers.builder().build().start();
        assertThat(TestClient.handshakeStatus(
                java.net.URI.create("ws://127.0.0.1:" + service.port() + "/other"), Map.of())).isEqualTo(404);
    }
}
