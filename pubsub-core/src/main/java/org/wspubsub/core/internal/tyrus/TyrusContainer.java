package org.wspubsub.core.internal.tyrus;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;
import org.glassfish.tyrus.core.ComponentProviderService;
import org.glassfish.tyrus.core.TyrusEndpointWrapper;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Tyrus server container that owns only the WebSocket engine: the HTTP server, its listener and
 * its filter chain belong to {@link StandaloneServer} (unlike Tyrus's own Grizzly container, which
 * binds 0.0.0.0 whatever host it is given). Called on the thread that starts the service.
 *
 * <p>{@link #deploy} registers the service's one endpoint instance as such. Registered through its
 * configuration (Tyrus's public way), the endpoint would be looked up through the configurator
 * once per session and kept in a map entry of its own per session (about 210 bytes of every
 * connection's memory, for its whole life). Tyrus registers an instance only through a private
 * method of its engine, reached here by reflection; {@link #endpointInstancesAvailable()} says
 * whether this Tyrus still has it (a test fails loudly if an upgrade renames it; without it the
 * configuration is registered the public way and nothing else changes).
 */
final class TyrusContainer extends TyrusServerContainer {

    private static final Logger log = LoggerFactory.getLogger(TyrusContainer.class);
    /** The engine's private {@code register(TyrusEndpointWrapper)}, or null where this Tyrus lacks it. */
    private static final MethodHandle REGISTER_WRAPPER = registerWrapper();

    private final WebSocketEngine engine;

    TyrusContainer(int incomingBufferSize) {
        super((Set<Class<?>>) null);
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(incomingBufferSize).build();
    }

    private static MethodHandle registerWrapper() {
        try {
            return MethodHandles.privateLookupIn(TyrusWebSocketEngine.class, MethodHandles.lookup())
                    .findVirtual(TyrusWebSocketEngine.class, "register",
                            MethodType.methodType(void.class, TyrusEndpointWrapper.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Tyrus's engine cannot register an endpoint instance: {}", e.toString());
            return null;
        }
    }

    /** Whether this Tyrus version's engine can be given an endpoint instance (see the class's Javadoc). */
    static boolean endpointInstancesAvailable() {
        return REGISTER_WRAPPER != null;
    }

    /**
     * Serves {@code endpoint}, this very instance, for every session at {@code config}'s path, with
     * {@code config}'s configurator for the handshake.
     */
    void deploy(Endpoint endpoint, ServerEndpointConfig config) throws DeploymentException {
        if (REGISTER_WRAPPER != null && engine instanceof TyrusWebSocketEngine tyrus) {
            TyrusEndpointWrapper wrapper = new TyrusEndpointWrapper(endpoint, config, ComponentProviderService.create(),
                    this, "", config.getConfigurator(), new TyrusEndpointWrapper.SessionListener() { }, null, null,
                    null);
            try {
                REGISTER_WRAPPER.invoke(tyrus, wrapper);
                return;
            } catch (DeploymentException e) {
                throw e;
            } catch (Throwable e) {
                log.debug("Tyrus's engine refused the endpoint instance ({}); registering its configuration", e.toString());
            }
        }
        register(config);
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
