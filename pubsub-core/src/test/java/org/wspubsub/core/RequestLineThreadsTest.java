package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.adapter.inmemory.InMemoryAdapter;
import org.wspubsub.adapter.inmemory.InMemoryBroker;
import org.wspubsub.api.adapter.AdapterContext;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.BrokerMessage;
import org.wspubsub.core.internal.host.RequestThread;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/**
 * A connection's request line goes on on the library's callback pool, whatever thread ended the step
 * it waited for: here the test's own thread plays the adapter's (Lettuce's event loop, in production)
 * answering a subscribe or a publish, and the next request's adapter call records whether it ran on
 * one of the pool's {@link RequestThread}s.
 *
 * <p>To be sure the next request waits in line (rather than arriving after the step ended and
 * starting on the container's thread), {@code maxPendingRequests} is 2 and a third frame is sent:
 * its {@code rate_limited} answer proves the second frame was already read while the first step
 * still waited.
 */
class RequestLineThreadsTest {

    private final HeldAdapter adapter = new HeldAdapter();
    private WebSocketService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void theRequestAfterASubscribeThatTheAdapterAnsweredOnItsOwnThreadRunsOnTheCallbackPool() {
        service = TestServers.builder().adapter(adapter).maxPendingRequests(2).build().start();
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "subscribe", "id", 1, "topic", "held.first"));
            await().until(() -> adapter.calledOnRequestThread.containsKey("held.first"));
            client.send(Map.of("type", "subscribe", "id", 2, "topic", "next.topic"));
            client.send(Map.of("type", "ping", "id", 3));
            assertThat(client.next("error").path("code").asText()).isEqualTo("rate_limited");

            adapter.held.complete(null); // on the test's thread, as an adapter's event loop would

            assertThat(client.next("subscribed").path("id").asInt()).isEqualTo(1);
            assertThat(client.next("subscribed").path("id").asInt()).isEqualTo(2);
            assertThat(adapter.calledOnRequestThread).containsEntry("next.topic", true);
        }
    }

    @Test
    void theRequestAfterAPublishThatTheAdapterAnsweredOnItsOwnThreadRunsOnTheCallbackPool() {
        service = TestServers.builder().adapter(adapter).maxPendingRequests(2)
                .authorizePublish((topic, connection) -> CompletableFuture.completedFuture(true))
                .build().start();
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "publish", "id", 1, "topic", "held.publication", "data", 1));
            await().until(() -> adapter.published);
            client.send(Map.of("type", "subscribe", "id", 2, "topic", "next.topic"));
            client.send(Map.of("type", "ping", "id", 3));
            assertThat(client.next("error").path("code").asText()).isEqualTo("rate_limited");

            adapter.held.complete(null);

            assertThat(client.next("published").path("id").asInt()).isEqualTo(1);
            assertThat(client.next("subscribed").path("id").asInt()).isEqualTo(2);
            assertThat(adapter.calledOnRequestThread).containsEntry("next.topic", true);
        }
    }

    /**
     * The in-memory adapter, except that subscribing to {@code held.*} or publishing to it answers only
     * when the test completes {@link #held}; records, per topic subscribed, whether the call came on a
     * callback-pool thread.
     */
    private static final class HeldAdapter implements BrokerAdapter {
        private final BrokerAdapter delegate = InMemoryAdapter.create(new InMemoryBroker());
        final CompletableFuture<Void> held = new CompletableFuture<>();
        final Map<String, Boolean> calledOnRequestThread = new ConcurrentHashMap<>();
        volatile boolean published;

        @Override
        public CompletionStage<Void> start(AdapterContext context) {
            return delegate.start(context);
        }

        @Override
        public CompletionStage<Void> subscribe(String topicOrPattern) {
            calledOnRequestThread.put(topicOrPattern, RequestThread.isCurrent());
            CompletionStage<Void> done = delegate.subscribe(topicOrPattern);
            return topicOrPattern.startsWith("held.") ? done.thenCompose(ignored -> held) : done;
        }

        @Override
        public CompletionStage<Void> unsubscribe(String topicOrPattern) {
            return delegate.unsubscribe(topicOrPattern);
        }

        @Override
        public CompletionStage<Void> publish(BrokerMessage message) {
            if (message.topic().startsWith("held.")) {
                published = true;
                return held;
            }
            return delegate.publish(message);
        }

        @Override
        public AdapterState state() {
            return delegate.state();
        }

        @Override
        public CompletionStage<Void> close() {
            return delegate.close();
        }
    }
}
