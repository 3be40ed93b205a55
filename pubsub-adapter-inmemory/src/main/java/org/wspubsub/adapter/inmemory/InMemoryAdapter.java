package org.wspubsub.adapter.inmemory;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.api.Topics;
import org.wspubsub.api.adapter.AdapterContext;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.BrokerListener;
import org.wspubsub.api.adapter.BrokerMessage;

/**
 * The default adapter: one node's connection to an {@link InMemoryBroker}. Built with
 * {@link #create()} it has a broker of its own (a single node); built with
 * {@link #create(InMemoryBroker)} it joins the nodes sharing that broker.
 *
 * <p>Thread-safe. Publishes are delivered on the caller's thread to the other nodes' listeners,
 * which never block. Interests are kept as a set of exact topics and a list of patterns; the
 * node's own topic index does the heavy matching, so a short pattern scan here is enough.
 */
public final class InMemoryAdapter implements BrokerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InMemoryAdapter.class);

    private final InMemoryBroker broker;
    private final Set<String> exactTopics = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<String> patterns = new CopyOnWriteArrayList<>();
    private volatile AdapterState state = AdapterState.STARTING;
    private volatile AdapterContext context;

    private InMemoryAdapter(InMemoryBroker broker) {
        this.broker = Objects.requireNonNull(broker, "broker");
    }

    /** An adapter with a broker of its own: a single-node service. */
    public static InMemoryAdapter create() {
        return new InMemoryAdapter(new InMemoryBroker());
    }

    /** An adapter that joins every other node attached to {@code broker}. */
    public static InMemoryAdapter create(InMemoryBroker broker) {
        return new InMemoryAdapter(broker);
    }

    @Override
    public synchronized CompletionStage<Void> start(AdapterContext context) {
        Objects.requireNonNull(context, "context");
        if (state != AdapterState.STARTING) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the adapter was already started (state " + state + "); create one adapter per service"));
        }
        this.context = context;
        broker.attach(this);
        changeState(AdapterState.UP);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> subscribe(String topicOrPattern) {
        if (Topics.isPattern(topicOrPattern)) {
            patterns.addIfAbsent(topicOrPattern);
        } else {
            exactTopics.add(topicOrPattern);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> unsubscribe(String topicOrPattern) {
        if (Topics.isPattern(topicOrPattern)) {
            patterns.remove(topicOrPattern);
        } else {
            exactTopics.remove(topicOrPattern);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> publish(BrokerMessage message) {
        if (state != AdapterState.UP) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the in-memory adapter is " + state + "; start the service before publishing"));
        }
        broker.publish(message, this);
        return CompletableFuture.completedFuture(null);
    }

    void deliverIfInterested(BrokerMessage message) {
        if (state != AdapterState.UP || !isInterestedIn(message.topic())) {
            return;
        }
        try {
            context.listener().onMessage(message);
        } catch (RuntimeException e) {
            log.error("node={} failed to take a publication topic={}", context.nodeId(), message.topic(), e);
        }
    }

    private boolean isInterestedIn(String topic) {
        if (exactTopics.contains(topic)) {
            return true;
        }
        for (String pattern : patterns) {
            if (Topics.matches(pattern, topic)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public AdapterState state() {
        return state;
    }

    @Override
    public synchronized CompletionStage<Void> close() {
        if (state != AdapterState.CLOSED) {
            broker.detach(this);
            exactTopics.clear();
            patterns.clear();
            changeState(AdapterState.CLOSED);
        }
        return CompletableFuture.completedFuture(null);
    }

    private void changeState(AdapterState next) {
        AdapterState previous = state;
        state = next;
        BrokerListener listener = context == null ? null : context.listener();
        if (listener != null && previous != next) {
            try {
                listener.onStateChange(previous, next);
            } catch (RuntimeException e) {
                log.warn("node={} state listener failed", context.nodeId(), e);
            }
        }
    }

    @Override
    public String name() {
        return "in-memory";
    }
}
