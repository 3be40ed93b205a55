package org.wspubsub.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wspubsub.adapter.redis.RedisServer;
import org.wspubsub.core.testing.TestClient;

/** Two example nodes with ADAPTER=redis on two ports exchange publications through a real redis-server. */
class ExampleServerOnRedisTest {

    @Test
    void twoNodesOnRedisExchangeClientPublications() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            Map<String, String> env = Map.of("ADAPTER", "redis", "REDIS_URL", redis.uri());
            ExampleServer.Running one = ExampleServer.start("127.0.0.1", 0, ExampleServer.adapterFrom(env), "node-1");
            ExampleServer.Running two = ExampleServer.start("127.0.0.1", 0, ExampleServer.adapterFrom(env), "node-2");
            try (TestClient bob = TestClient.connect(URI.create("ws://127.0.0.1:" + two.service().port() + "/ws?token=bob"));
                 TestClient alice = TestClient.connect(
                         URI.create("ws://127.0.0.1:" + one.service().port() + "/ws?token=alice"))) {
                bob.next("auth.success");
                alice.next("auth.success");
                bob.send(Map.of("type", "subscribe", "topics", List.of("room.1.typing")));
                bob.next("subscribed");
                alice.send(Map.of("type", "publish", "topic", "room.1.typing", "event", "typing", "data", true));
                alice.next("published");
                var typing = bob.next("typing");
                assertThat(typing.path("from").path("userId").asText()).isEqualTo("alice");
                assertThat(one.service().adapter().name()).isEqualTo("redis");
            } finally {
                one.stop();
                two.stop();
            }
        }
    }

    @Test
    void refusesAnUnknownAdapterName() {
        assertThatThrownBy(() -> ExampleServer.adapterFrom(Map.of("ADAPTER", "kafka")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inmemory");
    }
}
