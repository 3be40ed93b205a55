package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestServers;

/**
 * The standalone server's own hand-over of upgrades to Tyrus ({@link TyrusUpgrader}): frames sent
 * right behind the upgrade request, before the client has read the {@code 101}, are served and
 * guarded like any later frame.
 */
class TyrusUpgradeTest {

    @Test
    void servesFramesSentInTheSameWriteAsTheUpgradeRequest() throws Exception {
        try (WebSocketService service = TestServers.builder().build().start()) {
            byte[] ping = RawWebSocket.frameBytes(0x81, "{\"type\":\"ping\",\"id\":\"early\"}".getBytes(StandardCharsets.UTF_8), true);
            try (RawWebSocket ws = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0, ping)) {
                assertThat(ws.readFrame().text()).contains("pong").contains("early");
            }
        }
    }

    @Test
    void guardsFramesSentInTheSameWriteAsTheUpgradeRequest() throws Exception {
        try (WebSocketService service = TestServers.builder().build().start()) {
            byte[] unmasked = RawWebSocket.frameBytes(0x81, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), false);
            try (RawWebSocket ws = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0, unmasked)) {
                assertThat(ws.readUntilClose()).isEqualTo(1002);
            }
        }
    }

    @Test
    void servesFramesSentRightBehindARequestWhoseTokenIsCheckedAsynchronously() throws Exception {
        try (WebSocketService service = TestServers.builder()
                .authenticator((token, request) -> CompletableFuture.supplyAsync(
                        () -> Optional.of(ConnectionContext.of(token))))
                .requireAuthentication(true).build().start()) {
            byte[] ping = RawWebSocket.frameBytes(0x81, "{\"type\":\"ping\",\"id\":\"early\"}".getBytes(StandardCharsets.UTF_8), true);
            try (RawWebSocket ws = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0, ping,
                    "Authorization: Bearer dana")) {
                assertThat(ws.readFrame().text()).contains("auth.success").contains("dana");
                assertThat(ws.readFrame().text()).contains("pong").contains("early");
            }
        }
    }
}
