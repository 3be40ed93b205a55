package org.wspubsub.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/**
 * A connection's publishes overlap their round trips to Redis: the next publish goes to the broker
 * without waiting for the previous one's answer, and the replies still come in request order.
 */
class ClientPublishPipelineTest {

    @Test
    void handsTheNextPublishToTheBrokerBeforeTheLastOneIsAnsweredAndRepliesInOrder() throws Exception {
        try (RedisServer redis = RedisServer.start();
             WebSocketService node = TestServers.builder()
                     .adapter(RedisAdapter.builder().uri(redis.uri()).commandTimeout(Duration.ofSeconds(20)).build())
                     .publishTimeout(Duration.ofSeconds(20))
                     .authorizePublish((topic, connection) -> CompletableFuture.completedFuture(true))
                     .build().start();
             TestClient listener = TestClient.subscriber(node, "pipe.t");
             TestClient publisher = TestClient.connect(TestServers.uri(node))) {

            redis.pause(); // SIGSTOP: Redis answers nothing until resumed
            try {
                for (int n = 1; n <= 3; n++) {
                    publisher.send(Map.of("type", "publish", "id", n, "topic", "pipe.t", "data", n));
                }
                publisher.send(Map.of("type", "ping", "id", "after"));
                publisher.send(Map.of("type", "publish", "id", "bad", "topic", "pipe.*", "data", 0));

                // each publish reached this node's subscriber while the earlier ones still wait for Redis
                for (int n = 1; n <= 3; n++) {
                    assertThat(listener.next("message").path("data").asInt()).isEqualTo(n);
                }
                assertThat(publisher.hasNothingUnread()).as("no reply before Redis answers").isTrue();
            } finally {
                redis.resume();
            }

            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                JsonNode reply = publisher.next();
                replies.add(reply.path("type").asText() + ":" + reply.path("id").asText());
            }
            assertThat(replies).containsExactly("published:1", "published:2", "published:3", "pong:after",
                    "error:bad");
        }
    }
}
