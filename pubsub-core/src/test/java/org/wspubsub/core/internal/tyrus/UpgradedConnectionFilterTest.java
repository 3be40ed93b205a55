package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestServers;

/**
 * Upgraded connections are taken off Grizzly's HTTP codec (dropping the upgrade request it would
 * keep for the connection's life) even when they never send a frame, and frames keep flowing and
 * being guarded afterwards. Fails loudly if a Tyrus or Grizzly upgrade renames what the adoption
 * relies on.
 */
class UpgradedConnectionFilterTest {

    @Test
    void adoptsEveryUpgradedConnectionAndKeepsServingAndGuardingIt() throws Exception {
        try (WebSocketService service = TestServers.builder().maxPayloadSize(1024).build().start()) {
            long before = UpgradedConnectionFilter.adoptedSoFar();
            List<RawWebSocket> silent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                silent.add(RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> UpgradedConnectionFilter.adoptedSoFar() - before >= silent.size());

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
            long before = UpgradedConnectionFilter.adoptedSoFar();
            try (RawWebSocket ws = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0,
                    "Authorization: Bearer carol")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> UpgradedConnectionFilter.adoptedSoFar() > before);
                assertThat(ws.readFrame().text()).contains("auth.success").contains("carol");
                ws.sendText("{\"type\":\"ping\"}");
                assertThat(ws.readFrame().text()).contains("pong");
            }
        }
    }

    @Test
    void leavesRefusedUpgradesAlone() throws Exception {
        try (WebSocketService service = TestServers.builder().allowOrigins("https://good.example").build().start()) {
            long before = UpgradedConnectionFilter.adoptedSoFar();
            assertThatThrownBy(() -> RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0,
                    "Origin: https://evil.example")).hasMessageContaining("403");
            RawWebSocket ok = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0, "Origin: https://good.example");
            await().atMost(Duration.ofSeconds(10)).until(() -> UpgradedConnectionFilter.adoptedSoFar() > before);
            assertThat(UpgradedConnectionFilter.adoptedSoFar() - before).isEqualTo(1);
            ok.close();
        }
    }
}
