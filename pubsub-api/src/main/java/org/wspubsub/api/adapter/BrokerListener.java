package org.wspubsub.api.adapter;

/**
 * Where an adapter hands what arrives for its node. Implemented by the node (the core's hub).
 *
 * <p>Called on the adapter's own threads (a Netty event loop for Redis, the publisher's thread for
 * the in-memory adapter). The node's implementation never blocks: it matches the topic and queues
 * the frame for its connections.
 */
public interface BrokerListener {

    /**
     * A publication from another node whose topic matches at least one of this node's interests.
     * Called once per publication however many interests match, and for one publishing node and
     * topic in the order that node published.
     */
    void onMessage(BrokerMessage message);

    /** The adapter changed state; also reported to the metrics listener. */
    default void onStateChange(AdapterState previous, AdapterState current) { }

    /** The adapter hit an error it handles itself (and retries); reported to the metrics listener. */
    default void onError(String description, Throwable error) { }
}
