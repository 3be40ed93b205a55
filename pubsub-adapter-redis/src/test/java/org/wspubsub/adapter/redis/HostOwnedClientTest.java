package org.wspubsub.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.adapter.AdapterContext;
import org.wspubsub.api.adapter.BrokerMessage;
import org.wspubsub.api.adapter.kit.RecordingBrokerListener;

/** An adapter built from the host's Lettuce client works through it and leaves it open. */
class HostOwnedClientTest {

    @Test
    void usesTheHostsClientAndNeverClosesIt() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            RedisClient hostClient = RedisClient.create(redis.uri());
            try {
                RedisAdapter a = RedisAdapter.builder().client(hostClient).build();
                RedisAdapter b = RedisAdapter.builder().client(hostClient).build();
                RecordingBrokerListener onA = new RecordingBrokerListener();
                a.start(new AdapterContext("a", onA)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                b.start(new AdapterContext("b", new RecordingBrokerListener())).toCompletableFuture().get(10, TimeUnit.SECONDS);
                a.subscribe("t").toCompletableFuture().get(5, TimeUnit.SECONDS);
                b.publish(BrokerMessage.of("t", "{}".getBytes(StandardCharsets.UTF_8), "b")).toCompletableFuture()
                        .get(5, TimeUnit.SECONDS);
                await().until(() -> onA.payloads().equals(java.util.List.of("{}")));

                a.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
                b.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
                try (StatefulRedisConnection<String, String> stillUsable = hostClient.connect()) {
                    assertThat(stillUsable.sync().ping()).isEqualTo("PONG");
                }
            } finally {
                hostClient.shutdown();
            }
        }
    }

    @Test
    void refusesAmbiguousOrInvalidConfiguration() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RedisAdapter.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RedisAdapter.builder().uri("redis://x:1")
                        .channelPrefix("has space").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channelPrefix");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RedisAdapter.builder().uri("redis://x:1")
                        .commandTimeout(java.time.Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commandTimeout");
    }

    @Test
    void failsToStartWithAClearMessageWhenRedisIsUnreachable() throws Exception {
        int port = RedisServer.freePort();
        RedisAdapter adapter = RedisAdapter.create("redis://127.0.0.1:" + port);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> adapter.start(
                        new AdapterContext("n", new RecordingBrokerListener())).toCompletableFuture().get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(org.wspubsub.api.AdapterUnavailableException.class)
                .hasMessageContaining("could not connect to Redis");
    }
}
