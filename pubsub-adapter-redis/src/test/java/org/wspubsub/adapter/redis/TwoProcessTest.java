package org.wspubsub.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/** A publisher node in this JVM and a subscriber node in another JVM exchange messages through Redis. */
class TwoProcessTest {

    @Test
    void deliversFromThisProcessToASubscriberInAnotherProcess() throws Exception {
        try (RedisServer redis = RedisServer.start();
             WebSocketService publisher = TestServers.builder().nodeId("publisher-process")
                     .adapter(RedisAdapter.create(redis.uri())).build().start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SubscriberNodeProcess.class.getName(), redis.uri())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
                    try {
                        String line;
                        while ((line = out.readLine()) != null) {
                            if (line.startsWith("PORT ")) {
                                return Integer.parseInt(line.substring(5).trim());
                            }
                        }
                        throw new IllegalStateException("the subscriber process ended before listening");
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                int childPort = port.get(60, TimeUnit.SECONDS);
                try (TestClient client = TestClient.subscriber(URI.create("ws://127.0.0.1:" + childPort + "/ws"), null,
                        "orders.*")) {
                    for (int i = 0; i < 20; i++) {
                        publisher.publish("orders." + i, Map.of("type", "order", "i", i)).toCompletableFuture()
                                .get(5, TimeUnit.SECONDS);
                    }
                    for (int i = 0; i < 20; i++) {
                        assertThat(client.next("order").path("i").asInt()).isEqualTo(i);
                    }
                }
            } finally {
                child.getOutputStream().close();
                if (!child.waitFor(15, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
            assertThat(child.exitValue()).isZero();
        }
    }
}
