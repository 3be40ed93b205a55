package org.wspubsub.core.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerContainer;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.ServiceInternals;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.RecordingMetrics;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/**
 * {@code onConnection} and {@code onDisconnect} come in pairs: a connection the endpoint refuses in
 * {@code onOpen} (here over {@code maxConnections}, in a container without the standalone server's
 * guard, which would have answered HTTP 503 instead) is reported by neither.
 */
class RefusedConnectionMetricsTest {

    private WebSocketService service;
    private ServerContainer container;

    @AfterEach
    void stop() {
        if (container != null) {
            ((TyrusServerContainer) container).stop();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void reportsNoDisconnectForAConnectionRefusedInOnOpen() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        service = TestServers.builder().maxConnections(1).metrics(metrics).build().start();
        URI uri = deploy();
        TestClient first = TestClient.connect(uri);
        await().until(() -> service.connectionCount() == 1);
        try (TestClient refused = TestClient.connect(uri)) {
            assertThat(refused.awaitClose()).isEqualTo(1013);
        }
        first.close();
        await().until(() -> metrics.has("disconnect:1000"));

        assertThat(metrics.snapshot()).filteredOn(e -> e.equals("connect")).hasSize(1);
        assertThat(metrics.snapshot()).filteredOn(e -> e.startsWith("disconnect")).containsExactly("disconnect:1000");
        assertThat(service.connectionCount()).isZero();
    }

    /** The service's endpoint in Tyrus's own Grizzly server, on a free port; its URI. */
    private URI deploy() throws Exception {
        EndpointRuntime runtime = ServiceInternals.runtime(service);
        HandshakeHandOff nothingOffered = new HandshakeHandOff();
        PubSubEndpoint endpoint = ServiceInternals.newEndpoint(service, nothingOffered);
        container = new GrizzlyServerContainer().createContainer(Map.of());
        container.addEndpoint(ServerEndpointConfig.Builder.create(PubSubEndpoint.class, "/ws")
                .configurator(new HandshakeConfigurator(runtime, endpoint, nothingOffered, ExtensionNegotiator.NONE))
                .build());
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ((TyrusServerContainer) container).start("/", port);
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }
}
