package org.wspubsub.core.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
    private ContainerDeployment container;

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void reportsNoDisconnectForAConnectionRefusedInOnOpen() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        service = TestServers.builder().maxConnections(1).metrics(metrics).build().start();
        container = ContainerDeployment.start(service);
        URI uri = container.uri("/ws");
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

}
