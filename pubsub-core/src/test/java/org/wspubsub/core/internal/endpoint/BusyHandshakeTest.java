package org.wspubsub.core.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.core.ServiceInternals;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/**
 * A handshake token that cannot be checked because the callback pool and its queue are full, in a
 * container without the standalone server's guard (the token is checked after the upgrade): the
 * client gets {@code error}/{@code rate_limited} and a close with {@code 1013}, try again later,
 * not {@code 4401} as if its token were bad.
 */
class BusyHandshakeTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final BlockingQueue<String> held = new LinkedBlockingQueue<>();
    private WebSocketService service;
    private ContainerDeployment container;

    @AfterEach
    void stop() {
        release.countDown();
        if (container != null) {
            container.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void closesWith1013WhenTheHandshakeTokenCannotBeCheckedYet() throws Exception {
        service = TestServers.builder().callbackThreads(1).callbackQueueSize(1)
                .authorizeSubscribe((topic, connection) -> {
                    held.add(topic);
                    try {
                        release.await(10, TimeUnit.SECONDS); // a slow authorizer that blocks its thread
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return CompletableFuture.completedFuture(true);
                })
                .authenticator((token, request) -> CompletableFuture.completedFuture(Optional.of(ConnectionContext.of(token))))
                .build().start();
        container = ContainerDeployment.start(service);
        URI uri = container.uri("/ws");
        try (TestClient holder = TestClient.connect(uri); TestClient waiter = TestClient.connect(uri)) {
            holder.send(Map.of("type", "subscribe", "id", 1, "topics", List.of("a")));
            assertThat(held.poll(10, TimeUnit.SECONDS)).isEqualTo("a");
            waiter.send(Map.of("type", "subscribe", "id", 1, "topics", List.of("b")));
            await().until(() -> ServiceInternals.runtime(service).callbacks().waiting() == 1);

            try (TestClient late = TestClient.connect(URI.create(uri + "?token=dave"))) {
                JsonNode error = late.next("error");
                assertThat(error.path("code").asText()).isEqualTo("rate_limited");
                assertThat(late.awaitClose()).isEqualTo(1013);
            }

            release.countDown();
            holder.next("subscribed");
            waiter.next("subscribed");
            try (TestClient again = TestClient.connect(URI.create(uri + "?token=dave"))) {
                assertThat(again.next("auth.success").path("userId").asText()).isEqualTo("dave");
            }
        }
    }
}
