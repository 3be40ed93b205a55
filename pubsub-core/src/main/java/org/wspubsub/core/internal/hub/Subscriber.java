package org.wspubsub.core.internal.hub;

import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * What the hub delivers to: implemented by the endpoint's connection, so the hub never depends on
 * the endpoint. {@link #deliver} is called on publishing threads (host threads, broker threads) and
 * must only queue the frame, never block or write.
 */
public interface Subscriber {

    /** Queues a publication's frame for this subscriber. */
    void deliver(OutboundFrame frame);
}
