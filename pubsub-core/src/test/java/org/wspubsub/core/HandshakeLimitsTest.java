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

    /** Sends a raw HTTP request and returns the status line and headers of the answer, joined by " | ". */
    private String ask(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder(in.readLine());
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                answer.append(" | ").append(line);
            }
            return answer.toString();
        }
    }

    @Test
    void answersMalformedUpgradesWithTheRightHttpStatus() throws Exception {
        service = TestServers.builder().build().start();
        String upgrade = "Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
        String key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        String v13 = "Sec-WebSocket-Version: 13\r\n";
        assertThat(ask("GET /ws HTTP/1.1\r\n" + upgrade + v13 + "\r\n")).startsWith("HTTP/1.1 400");
        assertThat(ask("GET /ws HTTP/1.1\r\n" + upgrade + "Sec-WebSocket-Key: short\r\n" + v13 + "\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(ask("GET /ws HTTP/1.1\r\n" + upgrade + key + "Sec-WebSocket-Version: 8\r\n\r\n"))
                .startsWith("HTTP/1.1 426 Upgrade Required").contains("Sec-WebSocket-Version: 13");
        assertThat(ask("POST /ws HTTP/1.1\r\n" + upgrade + key + v13 + "Content-Length: 0\r\n\r\n"))
                .startsWith("HTTP/1.1 405").contains("Allow: GET");
        assertThat(ask("GET /ws HTTP/1.0\r\n" + upgrade + key + v13 + "\r\n")).contains(" 400 ");
        assertThat(ask("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n" + key + v13 + "\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(ask("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: keep-alive, upgrad\r\n" + key
                + v13 + "\r\n")).startsWith("HTTP/1.1 400");
        assertThat(ask("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: keep-alive, UPGRADE\r\n" + key
                + v13 + "\r\n")).startsWith("HTTP/1.1 101");
        assertThat(ask("GET /ws HTTP/1.1\r\n" + upgrade + key + v13 + "\r\n")).startsWith("HTTP/1.1 101");
        assertThat(service.connectionCount()).isLessThanOrEqualTo(2);
    }

    @Test
    void refusesConnectionsPastThePerAddressCapWithHttp429() {
        service = TestServers.builder().maxConnectionsPerAddress(2).build().start();
        TestClient first = TestClient.connect(TestServers.uri(service));
        try (TestClient second = TestClient.connect(TestServers.uri(service))) {
            await().until(() -> service.connectionCount() == 2);
            assertThat(TestClient.handshakeStatus(TestServers.uri(service), Map.of())).isEqualTo(429);
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
