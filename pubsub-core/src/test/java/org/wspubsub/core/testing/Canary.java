package org.wspubsub.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.wspubsub.core.WebSocketService;

/**
 * A well-behaved connection kept beside an attack: subscribed to {@code canary}, it shows that the
 * server still serves everyone else after the attacker was refused or closed.
 */
public final class Canary implements AutoCloseable {

    private final WebSocketService service;
    private final TestClient client;

    private Canary(WebSocketService service, TestClient client) {
        this.service = service;
        this.client = client;
    }

    /** Connects and subscribes to {@code canary}. */
    public static Canary join(WebSocketService service) {
        return new Canary(service, TestClient.subscriber(service, "canary"));
    }

    /** Publishes to {@code canary} and fails unless the publication arrives. */
    public void assertStillServed() throws Exception {
        service.publish("canary", Map.of("alive", true)).toCompletableFuture().get();
        assertThat(client.next("message").path("data").path("alive").asBoolean()).isTrue();
    }

    @Override
    public void close() {
        client.close();
    }
}
