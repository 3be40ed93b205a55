package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.PubSubException;
import org.wspubsub.api.adapter.AdapterContext;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.BrokerMessage;
import org.wspubsub.core.testing.RecordingMetrics;
import org.wspubsub.core.testing.TestServers;

/** A {@code start()} that fails leaves nothing running: the adapter is closed and the service's threads end. */
class StartFailureTest {

    @Test
    void closesTheAdapterAndEndsEveryThreadWhenTheAdapterFailsToStart() {
        StubAdapter adapter = new StubAdapter(context -> {
            // reported like a real adapter would, which starts the metrics thread
            context.listener().onError("broker unreachable", new IllegalStateException("connection refused"));
            return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
        });
        WebSocketService service = TestServers.builder().adapter(adapter).metrics(new RecordingMetrics()).build();

        assertThatThrownBy(service::start).isInstanceOf(PubSubException.class)
                .hasMessageContaining("failed to start").hasMessageContaining("connection refused");

        assertThat(adapter.closes.get()).isEqualTo(1);
        awaitNoThreadOf(service);
        assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closesTheAdapterAndEndsEveryThreadWhenTheAdapterNeverStarts() {
        StubAdapter adapter = new StubAdapter(context -> {
            context.listener().onError("still connecting", new IllegalStateException("no answer yet"));
            return new CompletableFuture<>();
        });
        WebSocketService service = TestServers.builder().adapter(adapter).metrics(new RecordingMetrics())
                .adapterStartTimeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(service::start).isInstanceOf(PubSubException.class)
                .hasMessageContaining("did not start within 200 ms").hasMessageContaining("adapterStartTimeout");

        assertThat(adapter.closes.get()).isEqualTo(1);
        awaitNoThreadOf(service);
    }

    @Test
    void closesTheAdapterAndEndsEveryThreadWhenThePortIsTaken() throws Exception {
        StubAdapter adapter = new StubAdapter(context -> {
            context.listener().onError("a warning while starting", new IllegalStateException("slow"));
            return CompletableFuture.completedFuture(null);
        });
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            WebSocketService service = TestServers.builder().port(taken.getLocalPort()).adapter(adapter)
                    .metrics(new RecordingMetrics()).build();

            assertThatThrownBy(service::start).isInstanceOf(PubSubException.class)
                    .hasMessageContaining("choose another port");

            assertThat(adapter.closes.get()).isEqualTo(1);
            awaitNoThreadOf(service);
        }
    }

    @Test
    void rejectsANonPositiveAdapterStartTimeout() {
        assertThatThrownBy(() -> TestServers.builder().adapterStartTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("adapterStartTimeout");
    }

    private static void awaitNoThreadOf(WebSocketService service) {
        String prefix = service.threadNamePrefix();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName).filteredOn(name -> name.startsWith(prefix)).isEmpty());
    }

    /** An adapter whose start the test decides; counts its closes. */
    private static final class StubAdapter implements BrokerAdapter {
        final AtomicInteger closes = new AtomicInteger();
        private final Function<AdapterContext, CompletionStage<Void>> start;

        StubAdapter(Function<AdapterContext, CompletionStage<Void>> start) {
            this.start = start;
        }

        @Override
        public CompletionStage<Void> start(AdapterContext context) {
            return start.apply(context);
        }

        @Override
        public CompletionStage<Void> subscribe(String topicOrPattern) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> unsubscribe(String topicOrPattern) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> publish(BrokerMessage message) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public AdapterState state() {
            return closes.get() > 0 ? AdapterState.CLOSED : AdapterState.STARTING;
        }

        @Override
        public CompletionStage<Void> close() {
            closes.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
    }
}
