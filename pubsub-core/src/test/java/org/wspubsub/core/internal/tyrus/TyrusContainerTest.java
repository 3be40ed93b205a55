package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.Session;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.core.ServiceInternals;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.internal.endpoint.ClientConnection;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestServers;

/**
 * An open session keeps nothing of its own for the handshake's hand-over (no user properties),
 * while the context authenticated before the upgrade still reaches the connection.
 */
class TyrusContainerTest {

    @Test
    void anOpenSessionKeepsNoUserProperties() throws Exception {
        try (WebSocketService service = TestServers.builder()
                .authenticator((token, request) -> CompletableFuture.completedFuture(
                        Optional.of(new ConnectionContext("erin", Set.of(), Map.of()))))
                .build().start();
             RawWebSocket ws = RawWebSocket.connect("127.0.0.1", service.port(), "/ws?token=t", 0)) {
            // the guard authenticated the token before the upgrade; the hand-over brought the context
            assertThat(ws.readFrame().text()).contains("auth.success").contains("erin");
            ws.sendText("{\"type\":\"ping\"}");
            assertThat(ws.readFrame().text()).contains("pong");

            ClientConnection connection = ServiceInternals.runtime(service).registry().snapshot().iterator().next();
            assertThat(connection.context()).map(ConnectionContext::userId).contains("erin");
            Session session = connection.session();
            assertThat(session.getUserProperties()).isEmpty();
        }
    }
}
