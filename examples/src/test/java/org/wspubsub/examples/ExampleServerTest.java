package org.wspubsub.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.TestClient;

class ExampleServerTest {

    @Test
    void authenticatesAndDeliversTheClock() {
        ExampleServer.Running running = ExampleServer.start("127.0.0.1", 0);
        try (TestClient client = TestClient.connect(
                URI.create("ws://127.0.0.1:" + running.service().port() + "/ws?token=alice"))) {
            assertThat(client.next("auth.success").path("userId").asText()).isEqualTo("alice");
            client.send(Map.of("type", "subscribe", "topics", List.of("system.clock")));
            client.next("subscribed");
            JsonNode tick = client.next("tick");
            assertThat(tick.path("topic").asText()).isEqualTo("system.clock");
            assertThat(tick.path("data").path("at").asText()).isNotBlank();
        } finally {
            running.stop();
        }
    }
}
