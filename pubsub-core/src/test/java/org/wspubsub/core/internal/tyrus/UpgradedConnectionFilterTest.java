package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestServers;

/**
 * Upgraded connections are taken off Grizzly's HTTP codec (dropping the upgrade request it would
 * keep for the connection's life) even when they never send a frame, and frames keep flowing and
 * being guarded afterwards. Fails loudly if a Tyrus or Grizzly upgrade renames what the adoption
 * relies on. Each test serves its clients from a standalone server of its own over the service's
 * runtime, whose filter counts what it did for that server alone.
 */
class UpgradedConnectionFilterTest {

    private StandaloneServer server;

    private StandaloneServer serverOver(WebSocketService service) throws IOException {
        server = StandaloneServers.startedOver(service);
        return server;
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void adoptsEveryUpgradedConnectionAndKeepsServingAndGuardingIt() throws Exception {
        try (WebSocketService service = TestServers.builder().maxPayloadSize(1024).build().start()) {
            UpgradedConnectionFilter filter = serverOver(service).upgradedConnections();
            List<RawWebSocket> silent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                silent.add(RawWebSocket.connect("127.0.0.1", server.port(), "/ws", 0));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> filter.adoptedSoFar() == silent.size());

            RawWebSocket first = silent.get(0);
            first.sendText("{\"type\":\"ping\"}");
            assertThat(first.readFrame().text()).contains("pong");
            RawWebSocket second = silent.get(1);
            second.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}");
            assertThat(second.readUntilClose()).isEqualTo(1009);
            for (RawWebSocket ws : silent) {
                ws.close();
            }
        }
    }

    @Test
    void adoptsConnectionsAuthenticatedAsynchronouslyDuringTheHandshake() throws Exception {
        try (WebSocketService service = TestServers.builder()
                .authenticator((token, request) -> java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> java.util.Optional.of(org.wspubsub.api.ConnectionContext.of(token))))
                .requireAuthentication(true).build().start()) {
            UpgradedConnectionFilter filter = serverOver(service).upgradedConnections();
            try (RawWebSocket ws = RawWebSocket.connect("127.0.0.1", server.port(), "/ws", 0,
                    "Authorization: Bearer carol")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> filter.adoptedSoFar() == 1);
                assertThat(ws.readFrame().text()).contains("auth.success").contains("carol");
                ws.sendText("{\"type\":\"ping\"}");
                assertThat(ws.readFrame().text()).contains("pong");
            }
        }
    }

    @Test
    void leavesRefusedUpgradesAlone() throws Exception {
        try (WebSocketService service = TestServers.builder().allowOrigins("https://good.example").build().start()) {
            UpgradedConnectionFilter filter = serverOver(service).upgradedConnections();
            assertThatThrownBy(() -> RawWebSocket.connect("127.0.0.1", server.port(), "/ws", 0,
                    "Origin: https://evil.example")).hasMessageContaining("403");
            RawWebSocket ok = RawWebSocket.connect("127.0.0.1", server.port(), "/ws", 0, "Origin: https://good.example");
            await().atMost(Duration.ofSeconds(10)).until(() -> filter.adoptedSoFar() > 0);
            assertThat(filter.adoptedSoFar()).isEqualTo(1);
            ok.close();
        }
    }

    @Test
    void answersTheUpgradeWithAValid101AndRecyclesTheRequestsWhileEachConnectionKeepsItsOwnHeaders()
            throws Exception {
        java.util.Map<String, String> seenByRefresh = new java.util.concurrent.ConcurrentHashMap<>();
        try (WebSocketService service = TestServers.builder()
                .authenticator((token, request) -> {
                    if (token.startsWith("refresh-")) {
                        seenByRefresh.put(token.substring(8), request.header("x-client").orElse("none"));
                    }
                    return java.util.concurrent.CompletableFuture.completedFuture(
                            java.util.Optional.of(org.wspubsub.api.ConnectionContext.of("user")));
                }).build().start()) {
            UpgradedConnectionFilter filter = serverOver(service).upgradedConnections();
            List<RawWebSocket> clients = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                // half with a handshake token (checked on the callback pool), half without
                String query = i % 2 == 0 ? "/ws?token=t" + i : "/ws";
                RawWebSocket ws = RawWebSocket.connect("127.0.0.1", server.port(), query, 0,
                        "X-Client: client-" + i, "X-Padding-" + i + ": " + "p".repeat(i * 10));
                clients.add(ws);
                String answer = ws.handshakeResponse();
                assertThat(answer).startsWith("HTTP/1.1 101 Switching Protocols\r\n").endsWith("\r\n\r\n");
                assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("\r\nupgrade: websocket\r\n")
                        .contains("\r\nconnection: upgrade\r\n")
                        .contains("\r\nsec-websocket-accept: " + ws.expectedAccept().toLowerCase(java.util.Locale.ROOT)
                                + "\r\n");
                if (i % 2 == 0) {
                    assertThat(ws.readFrame().text()).contains("auth.success");
                }
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> filter.returnedSoFar() >= clients.size());
            // the next request a worker parses comes out of a returned one
            long recycledBefore = filter.recycledSoFar();
            RawWebSocket next = RawWebSocket.connect("127.0.0.1", server.port(), "/ws", 0, "X-Client: next");
            assertThat(next.handshakeResponse()).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> filter.recycledSoFar() > recycledBefore);
            next.close();
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).sendText("{\"type\":\"auth\",\"token\":\"refresh-" + i + "\"}");
                assertThat(clients.get(i).readFrame().text()).contains("auth.success");
            }
            for (int i = 0; i < clients.size(); i++) {
                assertThat(seenByRefresh).containsEntry(String.valueOf(i), "client-" + i);
                clients.get(i).close();
            }
        }
    }
}
