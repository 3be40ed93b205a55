package org.wspubsub.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wspubsub.core.testing.TestClient.subscriber;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.CountingListener;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/** Three WebSocketService nodes in one JVM, each with its own Redis adapter, behind one real redis-server. */
class RedisNodesTest {

    private static RedisServer redis;
    private final List<WebSocketService> nodes = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @BeforeEach
    void startNodes() {
        for (int i = 0; i < 3; i++) {
            nodes.add(TestServers.builder().nodeId("node-" + i)
                    .adapter(RedisAdapter.builder().uri(redis.uri()).channelPrefix("nodes").build())
                    .authorizePublish((topic, connection) -> CompletableFuture.completedFuture(true))
                    .build().start());
        }
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(WebSocketService::stop);
    }

    @Test
    void deliversOnEveryNodeExactlyOnceAndNeverTwiceOnThePublishingNode() throws Exception {
        try (TestClient on0 = subscriber(nodes.get(0), "room.1.messages");
             TestClient on1 = subscriber(nodes.get(1), "room.*.messages", "room.>");
             TestClient on2 = subscriber(nodes.get(2), "room.1.messages", "room.>")) {
            nodes.get(0).publish("room.1.messages", Map.of("type", "chat", "n", 1)).toCompletableFuture().get();
            for (TestClient client : List.of(on0, on1, on2)) {
                assertThat(client.next("chat").path("n").asInt()).isEqualTo(1);
                assertThat(client.framesBeforePong()).isEmpty();
            }
        }
    }

    @Test
    void carriesClientPublishesAcrossNodesInOrder() {
        try (TestClient listener = subscriber(nodes.get(2), "room.9.typing");
             TestClient publisher = TestClient.connect(TestServers.uri(nodes.get(0)))) {
            // 50 pipelined requests: within maxPendingRequests (64), since each waits for Redis before the next
            for (int i = 0; i < 50; i++) {
                publisher.send(Map.of("type", "publish", "topic", "room.9.typing", "event", "typing", "data", i));
            }
            for (int i = 0; i < 50; i++) {
                publisher.next("published");
                assertThat(listener.next("typing").path("data").asInt()).isEqualTo(i);
            }
        }
    }

    @Test
    void subscribesAtRedisOnlyForWhatLocalConnectionsUse() {
        assertThat(redis.command("PUBSUB NUMSUB nodes:only.here")).isEqualTo("nodes:only.here\n:0");
        try (TestClient client = subscriber(nodes.get(1), "only.here", "pat.*");
             TestClient second = subscriber(nodes.get(1), "only.here")) {
            // one Redis subscription for the node, however many of its connections hold the topic
            assertThat(redis.command("PUBSUB NUMSUB nodes:only.here")).isEqualTo("nodes:only.here\n:1");
            assertThat(redis.command("PUBSUB NUMPAT")).isEqualTo(":1");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ":0".equals(redis.command("PUBSUB NUMPAT"))
                && "nodes:only.here\n:0".equals(redis.command("PUBSUB NUMSUB nodes:only.here")));
    }

    @Test
    void deliversEveryMessageExactlyOnceToAThousandSubscribersSpreadOverNodes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<CountingListener> counters = new ArrayList<>();
        List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            CountingListener counter = new CountingListener();
            counters.add(counter);
            URI uri = TestServers.uri(nodes.get(i % 3));
            sockets.add(http.newWebSocketBuilder().buildAsync(uri, counter));
            if (sockets.size() % 100 == 0) {
                CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }
        }
        for (CompletableFuture<WebSocket> socket : sockets) {
            socket.get(30, TimeUnit.SECONDS).sendText("{\"type\":\"subscribe\",\"topics\":[\"fan.out\"]}", true);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> counters.stream().allMatch(c -> c.subscribed));
        int messages = 100;
        for (int i = 0; i < messages; i++) {
            nodes.get(i % 3).publish("fan.out", Map.of("type", "tick", "p", i % 3, "seq", i))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> counters.stream().allMatch(c -> c.received.get() >= messages));
        for (CountingListener counter : counters) {
            assertThat(counter.received.get()).isEqualTo(messages);
            assertThat(counter.problems).isEmpty();
        }
        sockets.forEach(s -> s.join().abort());
    }
}
