package org.wspubsub.core.internal.hub;

import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * One publication's deliveries on this node: the hub {@link #add adds} every matching subscriber
 * while it walks the topic index, then {@link #end ends} the round, and the implementation may
 * hand the whole round over in one step (the endpoint groups it by writer thread, so a
 * publication to thousands of connections costs one hand-off per writer, not one per connection).
 *
 * <p>Used by one thread, for one publication; never blocks.
 */
public interface DeliveryRound {

    /** Delivers (or collects for delivery) the round's frame to {@code subscriber}. */
    void add(Subscriber subscriber);

    /** Hands over whatever was collected; called once, after the last {@link #add}. */
    void end();

    /** Starts delivery rounds; {@link #ONE_BY_ONE} delivers to each subscriber at once. Thread-safe. */
    interface Factory {

        /** A round for {@code frame}. */
        DeliveryRound begin(OutboundFrame frame);

        /** Calls {@link Subscriber#deliver} for every subscriber as it is added. */
        Factory ONE_BY_ONE = frame -> new DeliveryRound() {
            @Override
            public void add(Subscriber subscriber) {
                subscriber.deliver(frame);
            }

            @Override
            public void end() {
                // nothing was collected
            }
        };
    }
}
