package org.wspubsub.core.internal.hub;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.api.MetricsListener;
import org.wspubsub.api.Topics;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.BrokerListener;
import org.wspubsub.api.adapter.BrokerMessage;
import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * One node's topic hub: the local subscriptions, the node's interest at the broker, and local
 * fan-out.
 *
 * <p>A node subscribes at the broker once per distinct topic or pattern its connections use (when
 * the first local subscriber arrives) and unsubscribes when the last one leaves. A publication is
 * matched once in the {@link TopicIndex} and its shared {@link OutboundFrame} is queued for each
 * matching subscriber; nothing is encoded per subscriber.
 *
 * <p>Thread-safe. {@link #deliverLocally} runs on publishing threads (host threads for local
 * publishes, request threads for client publishes, the adapter's threads for {@link #onMessage});
 * it only queues and never blocks. Subscription changes for one key are serialized (striped
 * locks), and the broker calls they cause are made in that same order, one at a time per stripe,
 * but never while a lock is held: an adapter may call back into the hub, or complete its stage on
 * the calling thread, without risk of deadlock.
 *
 * @param <S> the subscriber type (the endpoint's connection)
 */
public final class Hub<S extends Subscriber> implements BrokerListener {

    private static final Logger log = LoggerFactory.getLogger(Hub.class);
    private static final int STRIPES = 64;

    private final TopicIndex<S> index = new TopicIndex<>();
    private final BrokerCalls[] stripes = new BrokerCalls[STRIPES];
    private final BrokerAdapter adapter;
    private final MetricsListener metrics;
    private final DeliveryRound.Factory<S> rounds;

    /** A hub that delivers to each subscriber as the index walk finds it. */
    public Hub(BrokerAdapter adapter, MetricsListener metrics) {
        this(adapter, metrics, DeliveryRound.Factory.oneByOne());
    }

    /** A hub whose local deliveries go through {@code rounds} (one round per publication). */
    public Hub(BrokerAdapter adapter, MetricsListener metrics, DeliveryRound.Factory<S> rounds) {
        this.adapter = adapter;
        this.metrics = metrics;
        this.rounds = rounds;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new BrokerCalls();
        }
    }

    /**
     * Adds a local subscription; the first one for a key also subscribes the node at the broker.
     *
     * @return a stage that completes when the broker has the interest (at once when it already had it);
     *     it never fails: a broker failure is logged and the adapter restores interests when it is back
     */
    public CompletionStage<Void> subscribe(String topicOrPattern, S subscriber) {
        boolean pattern = Topics.isPattern(topicOrPattern);
        BrokerCalls calls = stripe(topicOrPattern);
        CompletableFuture<Void> brokerSide;
        synchronized (calls) {
            if (!index.add(topicOrPattern, pattern, subscriber)) {
                return CompletableFuture.completedFuture(null);
            }
            brokerSide = calls.append(() -> adapter.subscribe(topicOrPattern));
        }
        calls.run();
        return brokerSide.exceptionally(error -> {
            log.warn("broker subscribe failed topic={}; local delivery continues and the adapter restores "
                    + "the interest when the broker is back", topicOrPattern, error);
            return null;
        });
    }

    /** Removes a local subscription; the last one for a key also unsubscribes the node at the broker. */
    public void unsubscribe(String topicOrPattern, S subscriber) {
        boolean pattern = Topics.isPattern(topicOrPattern);
        BrokerCalls calls = stripe(topicOrPattern);
        CompletableFuture<Void> brokerSide;
        synchronized (calls) {
            if (!index.remove(topicOrPattern, pattern, subscriber)) {
                return;
            }
            brokerSide = calls.append(() -> adapter.unsubscribe(topicOrPattern));
        }
        calls.run();
        brokerSide.exceptionally(error -> {
            log.warn("broker unsubscribe failed topic={}", topicOrPattern, error);
            return null;
        });
    }

    /**
     * Queues {@code frame} for every local subscriber matching {@code topic}.
     *
     * @return how many connections it was queued for
     */
    public int deliverLocally(String topic, OutboundFrame frame) {
        DeliveryRound<S> round = rounds.begin(frame);
        int count;
        try {
            count = index.forEachMatch(topic, round::add);
        } finally {
            round.end();
        }
        metrics.onDeliver(topic, count);
        return count;
    }

    /** A publication from another node, through the adapter. */
    @Override
    public void onMessage(BrokerMessage message) {
        try {
            metrics.onPublish(message.topic(), false);
            deliverLocally(message.topic(), OutboundFrame.ofPayload(message.payload()));
        } catch (RuntimeException e) {
            log.error("failed to deliver a publication from node={} topic={}", message.originNodeId(),
                    message.topic(), e);
        }
    }

    @Override
    public void onStateChange(AdapterState previous, AdapterState current) {
        if (current == AdapterState.DOWN) {
            log.warn("broker adapter {} is DOWN: publications reach this node's connections only", adapter.name());
        } else {
            log.info("broker adapter {} is {}", adapter.name(), current);
        }
        metrics.onAdapterStateChange(previous, current);
    }

    @Override
    public void onError(String description, Throwable error) {
        metrics.onAdapterError(description, error);
    }

    /** The local index; for diagnostics and tests. */
    public TopicIndex<S> index() {
        return index;
    }

    private BrokerCalls stripe(String key) {
        return stripes[(key.hashCode() & 0x7fffffff) % STRIPES];
    }

    /**
     * One stripe's broker calls, in the order their index changes took effect: appended while the
     * stripe's lock is held (the object itself is the lock), made by {@link #run} after it was
     * released, one at a time, by whichever thread finds none running. A thread that finds one
     * running leaves its call to that thread, which loops until none is left.
     */
    private static final class BrokerCalls {
        private final ArrayDeque<Call> waiting = new ArrayDeque<>(2);
        private boolean running;

        /** Queues a call; the caller holds this stripe's lock. */
        CompletableFuture<Void> append(Supplier<CompletionStage<Void>> call) {
            Call next = new Call(call);
            waiting.add(next);
            return next.result;
        }

        /** Makes the waiting calls unless another thread is making them; the caller holds no lock. */
        void run() {
            while (true) {
                Call next;
                synchronized (this) {
                    if (running || (next = waiting.poll()) == null) {
                        return;
                    }
                    running = true;
                }
                try {
                    next.make();
                } finally {
                    synchronized (this) {
                        running = false;
                    }
                }
            }
        }
    }

    /** One adapter call and the stage its caller gets. */
    private static final class Call {
        private final Supplier<CompletionStage<Void>> call;
        private final CompletableFuture<Void> result = new CompletableFuture<>();

        Call(Supplier<CompletionStage<Void>> call) {
            this.call = call;
        }

        void make() {
            try {
                CompletionStage<Void> stage = call.get();
                if (stage == null) {
                    result.complete(null);
                    return;
                }
                stage.whenComplete((ignored, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(null);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }
}
