package org.wspubsub.core.internal.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.MetricsListener;
import org.wspubsub.api.adapter.AdapterContext;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.BrokerMessage;

/**
 * The hub's broker calls: made in the order the index changes took effect, and never while the hub
 * holds a lock, so an adapter that calls back into the hub from inside a call cannot deadlock it.
 */
class HubBrokerCallsTest {

    private final Subscriber first = frame -> { };
    private final Subscriber second = frame -> { };

    @Test
    void anAdapterCanWaitInsideACallForAnotherThreadThatChangesTheSameKey() throws Exception {
        RecordingAdapter adapter = new RecordingAdapter();
        Hub<Subscriber> hub = new Hub<>(adapter, MetricsListener.NONE);
        CompletableFuture<Void> otherThreadDone = new CompletableFuture<>();
        adapter.onFirstCall = call -> {
            // inside the adapter's subscribe: another thread changes the same key and must not block
            Thread other = new Thread(() -> {
                hub.unsubscribe("room.1", first);
                hub.subscribe("room.1", second);
                otherThreadDone.complete(null);
            });
            other.start();
            try {
                otherThreadDone.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the other thread was blocked by a lock held during the adapter call", e);
            }
        };

        hub.subscribe("room.1", first).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(adapter.calls).containsExactly("subscribe room.1", "unsubscribe room.1", "subscribe room.1");
        assertThat(hub.index().forEachMatch("room.1", s -> { })).isOne();
    }

    @Test
    void callsTheAdapterOncePerKeyForTheFirstAndLastSubscriber() throws Exception {
        RecordingAdapter adapter = new RecordingAdapter();
        Hub<Subscriber> hub = new Hub<>(adapter, MetricsListener.NONE);

        hub.subscribe("room.>", first).toCompletableFuture().get();
        hub.subscribe("room.>", second).toCompletableFuture().get();
        hub.unsubscribe("room.>", first);
        hub.unsubscribe("room.>", second);

        assertThat(adapter.calls).containsExactly("subscribe room.>", "unsubscribe room.>");
    }

    /** Records each interest call; runs {@link #onFirstCall} inside the first one. */
    private static final class RecordingAdapter implements BrokerAdapter {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile Consumer<String> onFirstCall;

        private CompletionStage<Void> record(String call) {
            calls.add(call);
            Consumer<String> action = onFirstCall;
            onFirstCall = null;
            if (action != null) {
                action.accept(call);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> start(AdapterContext context) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> subscribe(String topicOrPattern) {
            return record("subscribe " + topicOrPattern);
        }

        @Override
        public CompletionStage<Void> unsubscribe(String topicOrPattern) {
            return record("unsubscribe " + topicOrPattern);
        }

        @Override
        public CompletionStage<Void> publish(BrokerMessage message) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public AdapterState state() {
            return AdapterState.UP;
        }

        @Override
        public CompletionStage<Void> close() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
