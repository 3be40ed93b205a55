package org.wspubsub.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wspubsub.core.testing.TestClient.subscriber;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/** How the adapter routes on a real 3-master Redis Cluster. */
class RedisClusterRoutingTest {

    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    private static WebSocketService node(String prefix) {
        return TestServers.builder().adapter(RedisAdapter.builder().clusterUris(cluster.uris().toArray(String[]::new))
                .channelPrefix(prefix).build()).build().start();
    }

    @Test
    void subscribesExactTopicsAsShardChannelsOnTheOwningMasterOnly() {
        try (WebSocketService a = node("shard1");
             TestClient client = subscriber(a, "room.1", "room.2", "room.3")) {
            for (String topic : List.of("room.1", "room.2", "room.3")) {
                String channel = "shard1:" + topic;
                await().until(() -> cluster.masters().stream()
                        .filter(m -> String.valueOf(m.command("PUBSUB SHARDCHANNELS")).contains(channel)).count() == 1);
                assertThat(cluster.masters()).noneMatch(m -> String.valueOf(m.command("PUBSUB CHANNELS")).contains(channel));
            }
        }
    }

    @Test
    void sendsNoClassicCopyWhileNoNodeHoldsAPatternAndOneWhenSomeNodeDoes() throws Exception {
        RedisClusterClient observer = RedisClusterClient.create(cluster.uris().get(0));
        try (WebSocketService a = node("copy");
             WebSocketService b = node("copy");
             TestClient exactOnB = subscriber(b, "news");
             StatefulRedisClusterPubSubConnection<String, String> classic = observer.connectPubSub();
             StatefulRedisClusterConnection<String, String> commands = observer.connect()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            classic.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    seen.add(message.startsWith("marker") ? message : "publication");
                }
            });
            classic.sync().subscribe("copy:news");

            a.publish("news", Map.of("n", 1)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(exactOnB.next("message").path("data").path("n").asInt()).isEqualTo(1);
            commands.sync().publish("copy:news", "marker-1");
            await().until(() -> seen.contains("marker-1"));
            assertThat(seen).as("no classic PUBLISH without pattern subscribers").containsExactly("marker-1");

            try (TestClient patternOnB = subscriber(b, "*")) {
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    a.publish("news", Map.of("n", 2)).toCompletableFuture().get(5, TimeUnit.SECONDS);
                    return !seen.stream().filter("publication"::equals).toList().isEmpty();
                });
                assertThat(patternOnB.next("message").path("topic").asText()).isEqualTo("news");
            }
        } finally {
            observer.shutdown();
        }
    }
}
