package org.wspubsub.benchmarks.jmh;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.wspubsub.api.MetricsListener;
import org.wspubsub.api.adapter.AdapterContext;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.BrokerMessage;
import org.wspubsub.core.internal.host.Deadlines;
import org.wspubsub.core.internal.hub.Hub;
import org.wspubsub.core.internal.hub.Publisher;
import org.wspubsub.core.internal.hub.Subscriber;
import org.wspubsub.core.internal.protocol.JsonCodec;
import org.wspubsub.core.internal.protocol.OutboundFrame;
import org.wspubsub.core.internal.protocol.PublicationEncoder;

/**
 * The library's own work from {@code publish} to N local subscribers' queues: encode once, match,
 * hand the shared frame to each subscriber (here a queue stand-in that only counts), hand the
 * publication to the adapter (a no-op one). Sockets are not involved: the end-to-end load tool
 * measures those.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanOutBenchmark {

    @Param({"1", "100", "1000", "10000"})
    public int subscribers;

    private Publisher publisher;
    private PublicationEncoder encoder;
    private final AtomicLong delivered = new AtomicLong();
    private Deadlines deadlines;
    private final Map<String, Object> message = Map.of("type", "tick", "data", Map.of("text", "x".repeat(150)));

    @Setup
    public void setUp() {
        BrokerAdapter adapter = new NoOpAdapter();
        Hub hub = new Hub(adapter, MetricsListener.NONE);
        for (int i = 0; i < subscribers; i++) {
            Subscriber counting = (OutboundFrame frame) -> delivered.incrementAndGet();
            hub.subscribe("bench.topic", counting);
        }
        deadlines = new Deadlines("bench-deadlines", java.time.Duration.ofMillis(10));
        publisher = new Publisher(hub, adapter, "node", deadlines, java.time.Duration.ofSeconds(5), MetricsListener.NONE);
        encoder = new PublicationEncoder(new JsonCodec(1024 * 1024));
    }

    @TearDown
    public void tearDown() {
        deadlines.close();
    }

    @Benchmark
    public CompletableFuture<Void> publishToSubscribers() {
        return publisher.publish("bench.topic", encoder.encodeHostMessage("bench.topic", message));
    }

    /** An adapter that takes everything and carries nothing. */
    static final class NoOpAdapter implements BrokerAdapter {
        private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

        @Override
        public CompletionStage<Void> start(AdapterContext context) {
            return DONE;
        }

        @Override
        public CompletionStage<Void> subscribe(String topicOrPattern) {
            return DONE;
        }

        @Override
        public CompletionStage<Void> unsubscribe(String topicOrPattern) {
            return DONE;
        }

        @Override
        public CompletionStage<Void> publish(BrokerMessage message) {
            return DONE;
        }

        @Override
        public AdapterState state() {
            return AdapterState.UP;
        }

        @Override
        public CompletionStage<Void> close() {
            return DONE;
        }
    }
}
