package org.wspubsub.api.adapter;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The SPI a broker adapter implements to carry publications between the nodes of a cluster. One
 * adapter instance serves one node ({@code WebSocketService}); several nodes reach each other
 * through the broker behind their adapters (a shared in-memory broker, Redis, …).
 *
 * <h2>Interest-based routing</h2>
 * A node asks its adapter only for the topics and patterns its own connections use:
 * {@link #subscribe(String)} when the first local connection subscribes to a topic or pattern,
 * {@link #unsubscribe(String)} when the last one leaves. Both are idempotent set operations on the
 * node's interests (the node does the reference counting). Patterns use the protocol's syntax
 * ({@code *} for one segment, a final {@code >} for one or more; see
 * {@link org.wspubsub.api.Topics}); an adapter whose broker syntax over-matches filters with
 * {@link org.wspubsub.api.Topics#matches(String, String)} before delivering.
 *
 * <h2>Delivery guarantee</h2>
 * While the adapter is {@link AdapterState#UP}, every publication accepted by {@link #publish}
 * on one node is handed to {@link BrokerListener#onMessage} on every <em>other</em> node that has a
 * matching interest: exactly once per node however many of its interests match, never back to the
 * publishing node, and, per publishing node and topic, in publish order. Delivery is at most once:
 * a publication made while a node's adapter is down, or while the broker is unreachable, is not
 * replayed later. {@link #publish} must fail its stage (with
 * {@link org.wspubsub.api.AdapterUnavailableException}) within a bounded time when the broker
 * cannot take the publication; it never buffers without bound.
 *
 * <h2>Lifecycle and threads</h2>
 * {@link #start} is called once, then any method from any thread; {@link #close} is idempotent and
 * releases only what the adapter created itself (never a client the host passed in). After close,
 * {@link #publish} fails with {@link IllegalStateException} and nothing more is delivered.
 * Implementations are thread-safe and never block the caller: broker I/O is asynchronous.
 * The node never calls an adapter while holding a lock of its own, and makes the
 * {@link #subscribe}/{@link #unsubscribe} calls for one topic or pattern one at a time, in the order
 * its interests changed; an adapter may therefore complete a stage on the calling thread, or call
 * back into its {@link BrokerListener}, from inside any method. Stages may complete on the adapter's
 * own threads: the node moves its own follow-up work off them.
 *
 * <h2>Extensions</h2>
 * Features that need more from the broker than fan-out (presence, history with offsets) are
 * optional capability interfaces an adapter may also implement, found through
 * {@link #capability(Class)}; an adapter without a capability still works for everything else.
 *
 * <p>Every adapter must pass the contract test kit, {@code BrokerAdapterContractTest} in the
 * {@code pubsub-api} test-jar.
 */
public interface BrokerAdapter {

    /** Connects the adapter for the node described by {@code context}; completes when it is {@link AdapterState#UP}. */
    CompletionStage<Void> start(AdapterContext context);

    /** Adds a topic or pattern to this node's interests. */
    CompletionStage<Void> subscribe(String topicOrPattern);

    /** Removes a topic or pattern from this node's interests. */
    CompletionStage<Void> unsubscribe(String topicOrPattern);

    /** Carries {@code message} to the other nodes with a matching interest. */
    CompletionStage<Void> publish(BrokerMessage message);

    /** The current state; cheap, callable from any thread. */
    AdapterState state();

    /** Stops delivering and releases what the adapter created. Idempotent. */
    CompletionStage<Void> close();

    /** A short name for logs and health output, for example {@code "redis"} or {@code "in-memory"}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** An optional capability (presence, history, …) this adapter offers, or empty. */
    default <T> Optional<T> capability(Class<T> type) {
        return Optional.empty();
    }
}
