package org.wspubsub.core.testing;

import java.net.URI;
import java.time.Duration;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.WebSocketServiceBuilder;

/** Builders for services on a free loopback port, with test-friendly timings. */
public final class TestServers {

    private TestServers() {
    }

    /** A builder on 127.0.0.1, port 0, no shutdown drain. */
    public static WebSocketServiceBuilder builder() {
        return WebSocketService.builder().host("127.0.0.1").port(0).shutdownDrainPeriod(Duration.ZERO);
    }

    public static URI uri(WebSocketService service) {
        return URI.create("ws://127.0.0.1:" + service.port() + "/ws");
    }

    public static URI uri(WebSocketService service, String query) {
        return URI.create("ws://127.0.0.1:" + service.port() + "/ws?" + query);
    }
}
