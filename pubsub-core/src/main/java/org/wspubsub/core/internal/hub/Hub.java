package org.wspubsub.core.internal.hub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 * publishes, the adapter's threads for {@link #onMessage}); it only queues and never blocks.
 * Subscription changes for one key are serialized (striped locks), so the adapter sees subscribe
 * and unsubscribe for a key in the order they took effect.
 */
public final class Hub implements BrokerListener {

    private static final Logger log = LoggerFactory.getLogger(Hub.class);
    private static final int STRIPES = 64;

    private final TopicIndex<Subscriber> index = new TopicIndex<>();
    private final Object[] stripes = new Object[STRIPES];
    private final BrokerAdapter adapter;
    private final MetricsListener metrics;
    private final DeliveryRound.Factory rounds;

    /** A hub that delivers to each subscriber as the index walk finds it. */
    public Hub(BrokerAdapter adapter, MetricsListener metrics) {
        this(adapter, metrics, DeliveryRound.Factory.ONE_BY_ONE);
    }

    /** A hub whose local deliveries go through {@code rounds} (one round per publication). */
    public Hub(BrokerAdapter adapter, MetricsListener metrics, DeliveryRound.Factory rounds) {
        this.adapter = adapter;
        this.metrics = metrics;
        this.rounds = rounds;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Adds a local subscription; the first one for a key also subscribes the node at the broker.
     *
     * @return a stage that completes when the broker has the interest (at once when it already had it);
     *     it never fails: a broker failure is logged and the adapter restores interests when it is back
     */
    public CompletionStage<Void> subscribe(String topicOrPattern, Subscriber subscriber) {
        boolean pattern = Topics.isPattern(topicOrPattern);
        CompletionStage<Void> brokerSide;
        synchronized (stripe(topicOrPattern)) {
            if (!index.add(topicOrPattern, pattern, subscriber)) {
                return CompletableFuture.completedFuture(null);
            }
            brokerSide = callAdapter(() -> adapter.subscribe(topicOrPattern));
        }
        return brokerSide.exceptionally(error -> {
            log.warn("broker subscribe failed topic={}; local delivery continues and the adapter restores "
                    + "the interest when the broker is back", topicOrPattern, error);
            return null;
        });
    }

    /** Removes a local subscription; the last one for a key also unsubscribes the node at the broker. */
    public void unsubscribe(String topicOrPattern, Subscriber subscriber) {
        boolean pattern = Topics.isPattern(topicOrPattern);
        synchronized (stripe(topicOrPattern)) {
            if (index.remove(topicOrPattern, pattern, subscriber)) {
                callAdapter(() -> adapter.unsubscribe(topicOrPattern)).exceptionally(error -> {
                    log.warn("broker unsubscribe failed topic={}", topicOrPattern, error);
                    return null;
                });
            }
        }
    }

    /**
     * Queues {@code frame} for every local subscriber matching {@code topic}.
     *
     * @return how many connections it was queued for
     */
    public int deliverLocally(String topic, OutboundFrame frame) {
        DeliveryRound round = rounds.begin(frame);
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
    public TopicIndex<Subscriber> index() {
        return index;
    }

    private Object stripe(String key) {
        return stripes[(key.hashCode() & 0x7fffffff) % STRIPES];
    }

    private static CompletionStage<Void> callAdapter(java.util.function.Supplier<CompletionStage<Void>> call) {
        try {
            CompletionStage<Void> stage = call.get();
            return stage == null ? CompletableFuture.completedFuture(null) : stage;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
