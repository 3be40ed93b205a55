package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.core.internal.host.HostCallbacks;
import org.wspubsub.core.testing.RecordingMetrics;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/**
 * The callback pool's queue is bounded ({@code callbackQueueSize}): with every callback thread
 * busy and the queue full, a request that needs a host callback gets {@code rate_limited} (with its
 * {@code id}) and is not carried out, an HTTP endpoint answers 503, and nothing waits without bound.
 */
class CallbackQueueTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final BlockingQueue<String> held = new LinkedBlockingQueue<>();

    @AfterEach
    void releaseTheHeldCallbacks() {
        release.countDown();
    }

    @Test
    void answersRateLimitedWhileThePoolAndItsQueueAreFull() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        try (WebSocketService service = TestServers.builder().callbackThreads(1).callbackQueueSize(1)
                .metrics(metrics)
                .authorizeSubscribe((topic, connection) -> {
                    if (topic.startsWith("hold.")) {
                        held.add(topic);
                        awaitRelease(); // a slow authorizer that blocks its thread
                    }
                    return CompletableFuture.completedFuture(true);
                })
                .authorizePublish((topic, connection) -> CompletableFuture.completedFuture(true))
                .authenticator((token, request) -> CompletableFuture.completedFuture(
                        Optional.of(ConnectionContext.of(token))))
                .httpEndpoint("/hello", request -> CompletableFuture.completedFuture(
                        org.wspubsub.core.http.HttpResponse.json(200, "{}")))
                .build().start();
             TestClient holder = TestClient.connect(TestServers.uri(service));
             TestClient waiter = TestClient.connect(TestServers.uri(service));
             TestClient busy = TestClient.connect(TestServers.uri(service))) {
            HostCallbacks callbacks = ServiceInternals.runtime(service).callbacks();
            holder.send(Map.of("type", "subscribe", "id", 1, "topics", List.of("hold.a")));
            assertThat(held.poll(10, TimeUnit.SECONDS)).isEqualTo("hold.a");
            waiter.send(Map.of("type", "subscribe", "id", 1, "topics", List.of("hold.b")));
            await().until(() -> callbacks.waiting() == 1);

            busy.send(Map.of("type", "subscribe", "id", 7, "topics", List.of("news", "sports")));
            assertRateLimited(busy.next("error"), 7);
            busy.send(Map.of("type", "publish", "id", 8, "topic", "news", "data", "hi"));
            assertRateLimited(busy.next("error"), 8);
            busy.send(Map.of("type", "auth", "id", 9, "token", "carol"));
            assertRateLimited(busy.next("error"), 9);
            HttpResponse<String> http = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.port() + "/hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(http.statusCode()).isEqualTo(503);

            release.countDown();
            assertThat(holder.next("subscribed").path("topics")).extracting(JsonNode::asText).containsExactly("hold.a");
            assertThat(waiter.next("subscribed").path("topics")).extracting(JsonNode::asText).containsExactly("hold.b");
            // nothing of the refused requests was carried out, and the client may send them again
            busy.send(Map.of("type", "subscribe", "id", 10, "topics", List.of("news")));
            assertThat(busy.next("subscribed").path("id").asInt()).isEqualTo(10);
            busy.send(Map.of("type", "auth", "id", 11, "token", "carol"));
            assertThat(busy.next("auth.success").path("userId").asText()).isEqualTo("carol");
            assertThat(busy.isClosed()).isFalse();
            await().until(() -> metrics.has("callbackFailure:authorizeSubscribe"));
        }
    }

    @Test
    void answersHttp503ToAHandshakeThatNeedsTheAuthenticatorWhileThePoolIsFull() throws Exception {
        try (WebSocketService service = TestServers.builder().callbackThreads(1).callbackQueueSize(1)
                .authorizeSubscribe((topic, connection) -> {
                    held.add(topic);
                    awaitRelease();
                    return CompletableFuture.completedFuture(true);
                })
                .authenticator((token, request) -> CompletableFuture.completedFuture(
                        Optional.of(ConnectionContext.of(token))))
                .build().start();
             TestClient holder = TestClient.connect(TestServers.uri(service));
             TestClient waiter = TestClient.connect(TestServers.uri(service))) {
            holder.send(Map.of("type", "subscribe", "id", 1, "topics", List.of("a")));
            assertThat(held.poll(10, TimeUnit.SECONDS)).isEqualTo("a");
            waiter.send(Map.of("type", "subscribe", "id", 1, "topics", List.of("b")));
            await().until(() -> ServiceInternals.runtime(service).callbacks().waiting() == 1);

            assertThat(TestClient.handshakeStatus(TestServers.uri(service, "token=erin"), Map.of())).isEqualTo(503);

            release.countDown();
            holder.next("subscribed");
            waiter.next("subscribed");
            try (TestClient again = TestClient.connect(TestServers.uri(service, "token=erin"))) {
                assertThat(again.next("auth.success").path("userId").asText()).isEqualTo("erin");
            }
        }
    }

    private static void assertRateLimited(JsonNode error, int id) {
        assertThat(error.path("code").asText()).isEqualTo("rate_limited");
        assertThat(error.path("id").asInt()).isEqualTo(id);
        assertThat(error.path("message").asText()).contains("try");
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
