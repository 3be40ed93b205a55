package org.wspubsub.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wspubsub.adapter.redis.RedisServer;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.core.testing.TestClient;

/** Two example nodes with ADAPTER=redis on two ports, through a real redis-server. */
class ExampleServerOnRedisTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void twoNodesExchangePublicationsAndReport503WhileRedisIsDown() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            ExampleConfig config = ExampleConfig.fromEnvironment(Map.of("ADAPTER", "redis", "REDIS_URL", redis.uri(),
                    "PORT", "0", "JWT_SECRET", "shared-secret"));
            ExampleServer.Running one = ExampleServer.start(config.withNodeId("node-1"));
            ExampleServer.Running two = ExampleServer.start(config.withNodeId("node-2"));
            String bobToken = two.tokens().mint("bob", List.of(), List.of("1"), Duration.ofMinutes(5));
            String aliceToken = one.tokens().mint("alice", List.of("admin"), List.of("1"), Duration.ofMinutes(5));
            try (TestClient bob = TestClient.connect(ws(two, bobToken));
                 TestClient alice = TestClient.connect(ws(one, aliceToken))) {
                bob.next("auth.success");
                alice.next("auth.success");
                bob.send(Map.of("type", "subscribe", "topics", List.of("room.1.typing", "system.announcements")));
                bob.next("subscribed");
                alice.send(Map.of("type", "publish", "topic", "room.1.typing", "event", "typing", "data", true));
                alice.next("published");
                assertThat(bob.next("typing").path("from").path("userId").asText()).isEqualTo("alice");
                assertThat(publish(one, aliceToken).statusCode()).isEqualTo(202);
                assertThat(bob.next("system_broadcast").path("data").path("text").asText()).isEqualTo("hi");

                redis.kill();
                await().atMost(Duration.ofSeconds(10)).until(() -> one.service().adapterState() == AdapterState.DOWN);
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + one.service().port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("\"reason\"").contains("DOWN");
                HttpResponse<String> refused = publish(one, aliceToken);
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).contains("\"error\"").contains("Redis");
            } finally {
                one.stop();
                two.stop();
            }
        }
    }

    private static URI ws(ExampleServer.Running node, String token) {
        return URI.create("ws://127.0.0.1:" + node.service().port() + "/ws?token=" + token);
    }

    private HttpResponse<String> publish(ExampleServer.Running node, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.service().port() + "/publish"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"topic\":\"system.announcements\",\"message\":{\"type\":\"system_broadcast\",\"data\":{\"text\":\"hi\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
