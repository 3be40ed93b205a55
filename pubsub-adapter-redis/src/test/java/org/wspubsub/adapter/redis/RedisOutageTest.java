package org.wspubsub.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.wspubsub.core.testing.TestClient.subscriber;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.AdapterUnavailableException;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.RecordingMetrics;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/** SIGKILL the redis-server under two nodes, then restart it on the same port. */
class RedisOutageTest {

    @Test
    void failsPublishesCleanlyDuringAnOutageAndRecoversEverySubscriptionAfterIt() throws Exception {
        RecordingMetrics metricsA = new RecordingMetrics();
        RecordingMetrics metricsB = new RecordingMetrics();
        try (RedisServer redis = RedisServer.start();
             WebSocketService a = TestServers.builder().metrics(metricsA).adapter(adapter(redis)).build().start();
             WebSocketService b = TestServers.builder().metrics(metricsB).adapter(adapter(redis)).build().start();
             TestClient onA = subscriber(a, "news", "pat.*");
             TestClient onB = subscriber(b, "news", "pat.*")) {
            a.publish("news", Map.of("n", 0)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(onB.next("message").path("data").path("n").asInt()).isZero();
            assertThat(onA.next("message").path("data").path("n").asInt()).isZero();

            redis.kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> a.adapterState() == AdapterState.DOWN);
            long start = System.nanoTime();
            assertThatThrownBy(() -> a.publish("news", Map.of("n", 1)).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(AdapterUnavailableException.class)
                    .hasMessageContaining("Redis");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(onA.next("message").path("data").path("n").asInt())
                    .as("the publishing node's own subscribers still receive").isEqualTo(1);
            await().until(() -> metricsA.has("adapter:DOWN") && metricsB.has("adapter:DOWN"));

            // a subscription made during the outage: granted locally, restored at Redis later
            TestClient lateOnB = subscriber(b, "late.topic");

            redis.restart();
            await().atMost(Duration.ofSeconds(15)).until(() -> a.adapterState() == AdapterState.UP
                    && b.adapterState() == AdapterState.UP);
            await().until(() -> metricsA.has("adapter:UP") && metricsB.has("adapter:UP"));
            // each node's connection holds its channel and pattern subscriptions again on the new server
            await().atMost(Duration.ofSeconds(10)).until(() -> countLines(redis.command("CLIENT LIST"), " psub=1 ") == 2);
            assertThat(redis.command("PUBSUB NUMSUB websocket_messages:news")).isEqualTo("websocket_messages:news\n:2");
            a.publish("news", Map.of("n", 2)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            a.publish("pat.x", Map.of("n", 3)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            a.publish("late.topic", Map.of("n", 4)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(onB.next("message").path("data").path("n").asInt()).isEqualTo(2);
            assertThat(onB.next("message").path("data").path("n").asInt()).isEqualTo(3);
            assertThat(lateOnB.next("message").path("data").path("n").asInt()).isEqualTo(4);
            assertThat(onA.next("message").path("data").path("n").asInt()).isEqualTo(2);
            assertThat(onA.next("message").path("data").path("n").asInt()).isEqualTo(3);
            // order is promised per publisher: b publishes only after a's publications arrived
            b.publish("pat.y", Map.of("n", 5)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(onA.next("message").path("data").path("n").asInt()).isEqualTo(5);
            assertThat(onB.next("message").path("data").path("n").asInt()).isEqualTo(5);
            assertThat(onB.framesBeforePong()).isEmpty();
            lateOnB.close();
        }
    }

    private static long countLines(String text, String needle) {
        return text == null ? 0 : text.lines().filter(line -> (line + " ").contains(needle)).count();
    }

    @Test
    void restoresDeliveryAfterRedisKillsOnlyThePubSubConnections() throws Exception {
        RecordingMetrics metricsB = new RecordingMetrics();
        try (RedisServer redis = RedisServer.start();
             WebSocketService a = TestServers.builder().adapter(adapter(redis)).build().start();
             WebSocketService b = TestServers.builder().metrics(metricsB).adapter(adapter(redis)).build().start();
             TestClient onB = subscriber(b, "news", "pat.*")) {
            a.publish("news", Map.of("n", 0)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(onB.next("message").path("data").path("n").asInt()).isZero();

            // only node b's connection is in pub/sub mode: node a holds no subscriptions
            assertThat(redis.command("CLIENT KILL TYPE pubsub")).isEqualTo(":1");
            await().atMost(Duration.ofSeconds(10)).until(() -> metricsB.has("adapter:DOWN"));
            await().atMost(Duration.ofSeconds(15)).until(() -> b.adapterState() == AdapterState.UP
                    && countLines(redis.command("CLIENT LIST"), " psub=1 ") == 1);
            a.publish("news", Map.of("n", 1)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            a.publish("pat.z", Map.of("n", 2)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(onB.next("message").path("data").path("n").asInt()).isEqualTo(1);
            assertThat(onB.next("message").path("data").path("n").asInt()).isEqualTo(2);
        }
    }

    @Test
    void detectsABlackHoledRedisWithTheLivenessProbeAndRecovers() throws Exception {
        RecordingMetrics metricsB = new RecordingMetrics();
        try (RedisServer redis = RedisServer.start();
             WebSocketService a = TestServers.builder().adapter(probed(redis)).build().start();
             WebSocketService b = TestServers.builder().metrics(metricsB).adapter(probed(redis)).build().start();
             TestClient onB = subscriber(b, "news")) {
            a.publish("news", Map.of("n", 0)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(onB.next("message").path("data").path("n").asInt()).isZero();

            redis.pause();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> b.adapterState() == AdapterState.DOWN
                        && a.adapterState() == AdapterState.DOWN);
                await().until(() -> metricsB.has("adapter:DOWN"));
                long start = System.nanoTime();
                assertThatThrownBy(() -> a.publish("news", Map.of("n", -1)).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(AdapterUnavailableException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            } finally {
                redis.resume();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> a.adapterState() == AdapterState.UP
                    && b.adapterState() == AdapterState.UP);
            await().until(() -> metricsB.has("adapter:UP"));
            await().atMost(Duration.ofSeconds(10)).until(() -> countLines(redis.command("CLIENT LIST"), " sub=1 ") == 1);
            a.publish("news", Map.of("n", 1)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            JsonNode next = onB.nextMatching(f -> f.path("data").path("n").asInt() >= 1, null);
            assertThat(next.path("data").path("n").asInt()).isEqualTo(1);
        }
    }

    @Test
    void retriesAFailedResubscribeUntilItSucceedsAndReportsIt() throws Exception {
        RecordingMetrics metricsB = new RecordingMetrics();
        try (RedisServer redis = RedisServer.start();
             WebSocketService a = TestServers.builder().adapter(adapter(redis)).build().start();
             WebSocketService b = TestServers.builder().metrics(metricsB).adapter(adapter(redis)).build().start();
             TestClient onB = subscriber(b, "news")) {
            redis.kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> b.adapterState() == AdapterState.DOWN);
            // the new server refuses every channel: restoring the subscription fails with NOPERM
            redis.restart(List.of("--user", "default", "on", "nopass", "resetchannels", "~*", "+@all"));
            await().atMost(Duration.ofSeconds(15)).until(() -> metricsB.events.stream()
                    .filter(e -> e.startsWith("adapterError:could not restore the subscription to news")).count() >= 2);
            assertThat(redis.command("PUBSUB NUMSUB websocket_messages:news")).isEqualTo("websocket_messages:news\n:0");

            assertThat(redis.command("ACL SETUSER default allchannels")).isEqualTo("+OK");
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    "websocket_messages:news\n:1".equals(redis.command("PUBSUB NUMSUB websocket_messages:news")));
            a.publish("news", Map.of("n", 7)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(onB.next("message").path("data").path("n").asInt()).isEqualTo(7);
        }
    }

    private static RedisAdapter probed(RedisServer redis) {
        return RedisAdapter.builder().uri(redis.uri()).commandTimeout(Duration.ofSeconds(1))
                .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(300))
                .livenessProbe(Duration.ofMillis(300), Duration.ofMillis(500)).build();
    }

    private static RedisAdapter adapter(RedisServer redis) {
        return RedisAdapter.builder().uri(redis.uri()).commandTimeout(Duration.ofSeconds(1))
                .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(300)).build();
    }
}
