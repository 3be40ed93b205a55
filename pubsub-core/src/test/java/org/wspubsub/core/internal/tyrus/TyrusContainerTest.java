package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
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
 * An open session keeps nothing of its own for the handshake's hand-over or for finding the
 * endpoint: no user properties, and no entry in Tyrus's per-session instance cache, while the
 * context authenticated before the upgrade still reaches the connection. Fails loudly if a Tyrus
 * upgrade removes what the endpoint instance's registration relies on.
 */
class TyrusContainerTest {

    @Test
    void tyrusStillRegistersAnEndpointInstance() {
        assertThat(TyrusContainer.endpointInstancesAvailable())
                .as("Tyrus's engine changed: update TyrusContainer.deploy").isTrue();
    }

    @Test
    void anOpenSessionKeepsNoUserPropertiesAndNoEndpointInstanceOfItsOwn() throws Exception {
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
            assertThat(instanceCacheOf(session).containsKey(session)).as("Tyrus keeps an endpoint instance for the session").isFalse();
        }
    }

    /** The map in which Tyrus keeps an endpoint instance per session for an endpoint registered by class. */
    private static Map<?, ?> instanceCacheOf(Session session) throws ReflectiveOperationException {
        Object wrapper = read(session, "endpointWrapper");
        Object provider = read(wrapper, "componentProvider");
        Class<?> type = provider.getClass();
        while (!type.getSimpleName().equals("ComponentProviderService")) {
            type = type.getSuperclass();
        }
        Field cache = type.getDeclaredField("sessionToObject");
        cache.setAccessible(true);
        return (Map<?, ?>) cache.get(provider);
    }

    private static Object read(Object target, String name) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }
}
