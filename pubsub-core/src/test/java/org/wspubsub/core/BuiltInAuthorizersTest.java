package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wspubsub.core.testing.TestClient.subscriber;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.PublishAuthorizer;
import org.wspubsub.api.SubscribeAuthorizer;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/**
 * The library's own answers, {@link SubscribeAuthorizer#ALLOW_ALL} and
 * {@link PublishAuthorizer#ALLOW_ALL}, need no callback thread: with the executor's only thread
 * held by a slow host callback, a request they allow is answered at once, while the same request
 * under a host authorizer that always says yes waits for that thread.
 */
class BuiltInAuthorizersTest {

    private WebSocketService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void publishAllowAllNeedsNoCallbackThreadWhileAHostAuthorizerWaitsForOne() {
        for (boolean builtIn : new boolean[] {true, false}) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            service = TestServers.builder().callbackThreads(1)
                    .authorizeSubscribe((topic, connection) -> {
                        if (topic.equals("slow")) {
                            holdUntil(entered, release);
                        }
                        return CompletableFuture.completedFuture(true);
                    })
                    .authorizePublish(builtIn ? PublishAuthorizer.ALLOW_ALL
                            : (topic, connection) -> CompletableFuture.completedFuture(true))
                    .build().start();
            try (TestClient listener = subscriber(service, "news");
                 TestClient blocker = TestClient.connect(TestServers.uri(service));
                 TestClient publisher = TestClient.connect(TestServers.uri(service))) {
                blocker.send(Map.of("type", "subscribe", "topics", List.of("slow")));
                awaitHeld(entered);

                publisher.send(Map.of("type", "publish", "id", 1, "topic", "news", "data", "hello"));
                if (builtIn) {
                    assertThat(publisher.next("published").path("id").asInt()).isEqualTo(1);
                    assertThat(listener.next("message").path("data").asText()).isEqualTo("hello");
                } else {
                    staysQuiet(publisher, listener);
                }
                release.countDown();
                blocker.next("subscribed");
                if (!builtIn) {
                    assertThat(publisher.next("published").path("id").asInt()).isEqualTo(1);
                    assertThat(listener.next("message").path("data").asText()).isEqualTo("hello");
                }
            } finally {
                release.countDown();
                service.stop();
            }
        }
    }

    @Test
    void subscribeAllowAllNeedsNoCallbackThreadWhileAHostAuthorizerWaitsForOne() throws Exception {
        for (boolean builtIn : new boolean[] {true, false}) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            service = TestServers.builder().callbackThreads(1)
                    .authorizeSubscribe(builtIn ? SubscribeAuthorizer.ALLOW_ALL
                            : (topic, connection) -> CompletableFuture.completedFuture(true))
                    .authorizePublish((topic, connection) -> {
                        if (topic.equals("slow")) {
                            holdUntil(entered, release);
                        }
                        return CompletableFuture.completedFuture(true);
                    })
                    .build().start();
            try (TestClient blocker = TestClient.connect(TestServers.uri(service));
                 TestClient client = TestClient.connect(TestServers.uri(service))) {
                blocker.send(Map.of("type", "publish", "id", 1, "topic", "slow", "data", "x"));
                awaitHeld(entered);

                client.send(Map.of("type", "subscribe", "id", 2, "topics", List.of("news", "room.*")));
                if (builtIn) {
                    assertThat(client.next("subscribed").path("topics")).hasSize(2);
                    service.publish("room.7", Map.of("text", "hello")).toCompletableFuture().get(5, TimeUnit.SECONDS);
                    assertThat(client.next("message").path("topic").asText()).isEqualTo("room.7");
                } else {
                    staysQuiet(client);
                }
                release.countDown();
                assertThat(blocker.next("published").path("id").asInt()).isEqualTo(1);
                if (!builtIn) {
                    assertThat(client.next("subscribed").path("topics")).hasSize(2);
                }
            } finally {
                release.countDown();
                service.stop();
            }
        }
    }

    private static void awaitHeld(CountDownLatch entered) {
        try {
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the slow callback holds the callback thread").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Nothing arrives for 300 ms: the request waits for the held callback thread. */
    private static void staysQuiet(TestClient... clients) {
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> java.util.Arrays.stream(clients).allMatch(TestClient::hasNothingUnread));
    }

    /** Runs on the callback thread: says it is there, then holds the thread until released. */
    private static void holdUntil(CountDownLatch entered, CountDownLatch release) {
        entered.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
