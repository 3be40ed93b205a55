package org.wspubsub.core.internal.hub;

import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * What the hub delivers to: implemented by the endpoint's connection, so the hub never depends on
 * the endpoint. A {@link DeliveryRound.Factory} of the same subscriber type may collect subscribers
 * and deliver to them its own way; without one, the hub calls {@link #deliver}.
 *
 * <p>{@link #deliver} is called on publishing threads (host threads, request threads, the adapter's
 * threads) and must only queue the frame: never block, never write to a socket on the caller's thread.
 */
public interface Subscriber {

    /** Queues a publication's frame for this subscriber. */
    void deliver(OutboundFrame frame);
}
