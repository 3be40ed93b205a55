package org.wspubsub.core.internal.endpoint;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.function.BiConsumer;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerContainer;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.wspubsub.core.ServiceInternals;
import org.wspubsub.core.WebSocketService;

/**
 * A service's endpoint deployed at {@code /ws} in Tyrus's own Grizzly server on a free port, the
 * way a host's own Jakarta WebSocket container runs it: without the standalone server's guard and
 * upgrader, nothing handed over on the upgrading thread, the handshake data carried by the
 * service's {@link HandshakeConfigurator}. For tests; close it before the service.
 */
final class ContainerDeployment implements AutoCloseable {

    private final ServerContainer container;
    private final int port;

    private ContainerDeployment(ServerContainer container, int port) {
        this.container = container;
        this.port = port;
    }

    /** Deploys {@code service}'s endpoint at {@code /ws} and starts the container. */
    static ContainerDeployment start(WebSocketService service) throws Exception {
        return start(service, (container, endpoint) -> { });
    }

    /** As {@link #start(WebSocketService)}, letting {@code more} add endpoints (given the service's) before the start. */
    static ContainerDeployment start(WebSocketService service, BiConsumer<ServerContainer, PubSubEndpoint> more)
            throws DeploymentException, IOException {
        EndpointRuntime runtime = ServiceInternals.runtime(service);
        HandshakeHandOff nothingOffered = new HandshakeHandOff();
        PubSubEndpoint endpoint = ServiceInternals.newEndpoint(service, nothingOffered);
        ServerContainer container = new GrizzlyServerContainer().createContainer(Map.of());
        container.addEndpoint(ServerEndpointConfig.Builder.create(PubSubEndpoint.class, "/ws")
                .configurator(new HandshakeConfigurator(runtime, endpoint, nothingOffered, ExtensionNegotiator.NONE))
                .build());
        more.accept(container, endpoint);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ((TyrusServerContainer) container).start("/", port);
        return new ContainerDeployment(container, port);
    }

    /** {@code ws://127.0.0.1:<port><pathAndQuery>}. */
    URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + port + pathAndQuery);
    }

    @Override
    public void close() {
        ((TyrusServerContainer) container).stop();
    }
}
