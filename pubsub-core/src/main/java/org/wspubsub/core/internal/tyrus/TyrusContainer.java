package org.wspubsub.core.internal.tyrus;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * A Tyrus server container that owns only the WebSocket engine: the HTTP server, its listener and
 * its filter chain belong to {@link StandaloneServer} (unlike Tyrus's own Grizzly container, which
 * binds 0.0.0.0 whatever host it is given). Called on the thread that starts the service.
 *
 * <p>The endpoint is registered through its configuration, Tyrus's public way: Tyrus asks the
 * configurator for the endpoint instance once per session (it answers with the service's single
 * endpoint) and keeps the answer in a map entry per session while the session is open.
 */
final class TyrusContainer extends TyrusServerContainer {

    private final WebSocketEngine engine;

    TyrusContainer(int incomingBufferSize) {
        super((Set<Class<?>>) null);
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(incomingBufferSize).build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, "");
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        engine.register(serverEndpointConfig, "");
    }

    @Override
    public java.util.Map<String, Object> getProperties() {
        return java.util.Map.of();
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }
}
