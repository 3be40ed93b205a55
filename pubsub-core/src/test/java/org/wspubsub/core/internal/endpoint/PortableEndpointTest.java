package org.wspubsub.core.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.core.ServiceInternals;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/**
 * The endpoint in a container without the standalone server's filter and upgrader, the way a
 * host's own Jakarta WebSocket container runs it: here Tyrus's own Grizzly server, with nothing
 * handed over on the upgrading thread. The configurator's snapshot reaches {@code onOpen} through
 * the user properties (and leaves none behind), a handshake token is checked after the upgrade,
 * deliveries arrive, and a closed session leaves the registry.
 */
class PortableEndpointTest {

    private WebSocketService service;
    private ContainerDeployment container;

    @BeforeEach
    void start() throws Exception {
        service = TestServers.builder().authenticator((token, request) -> CompletableFuture.completedFuture(
                token.startsWith("good-") && request.queryParameter("room").isPresent()
                        ? Optional.of(new ConnectionContext(token.substring(5), Set.of(), Map.of()))
                        : Optional.empty())).build().start();
        container = ContainerDeployment.start(service, (server, endpoint) -> {
            try {
                server.addEndpoint(ServerEndpointConfig.Builder.create(PubSubEndpoint.class, "/bare")
                        .configurator(new ServerEndpointConfig.Configurator() {
                            @Override
                            public <T> T getEndpointInstance(Class<T> type) {
                                return type.cast(endpoint); // without the service's configurator: no handshake data
                            }
                        })
                        .build());
            } catch (jakarta.websocket.DeploymentException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private URI uri(String query) {
        return container.uri("/ws?" + query);
    }

    @Test
    void checksTheHandshakeTokenAfterTheUpgradeAndDelivers() throws Exception {
        try (TestClient client = TestClient.connect(uri("token=good-frank&room=5"), Map.of("X-Tenant", "blue"))) {
            assertThat(client.next("auth.success").path("userId").asText()).isEqualTo("frank");
            client.send(Map.of("type", "subscribe", "id", 1, "topics", List.of("room.5")));
            assertThat(client.next("subscribed").path("topics")).extracting(JsonNode::asText).containsExactly("room.5");

            ClientConnection connection = ServiceInternals.runtime(service).registry().snapshot().iterator().next();
            assertThat(connection.request().header("x-tenant")).contains("blue");
            assertThat(connection.request().queryParameter("room")).contains("5");
            assertThat(connection.session().getUserProperties()).isEmpty();

            service.publish("room.5", Map.of("n", 1)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(client.next("message").path("data").path("n").asInt()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> service.connectionCount() == 0);
    }

    @Test
    void refusesABadHandshakeTokenWithAnErrorAnd4401AfterTheUpgrade() {
        try (TestClient client = TestClient.connect(uri("token=bad&room=5"))) {
            assertThat(client.next("error").path("code").asText()).isEqualTo("unauthorized");
            assertThat(client.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void closesWith1011InsteadOfServingAConnectionWhoseHandshakeLeftNothing() {
        try (TestClient client = TestClient.connect(container.uri("/bare?token=good-frank&room=5"))) {
            assertThat(client.awaitClose()).isEqualTo(1011);
        }
        assertThat(service.connectionCount()).isZero();
    }
}
