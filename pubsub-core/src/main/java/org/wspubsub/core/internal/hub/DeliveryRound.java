package org.wspubsub.core.internal.hub;

import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * One publication's deliveries on this node: the hub {@link #add adds} every matching subscriber
 * while it walks the topic index, then {@link #end ends} the round. An implementation may collect
 * the subscribers and hand them over in one step per writer thread when the round ends (the
 * endpoint's does, so a publication to thousands of connections costs one hand-off per writer).
 *
 * <p>Contract: when {@link #end} returns, the frame has been handed over for every subscriber added
 * (or refused by that subscriber), so anything the publishing thread queues for a subscriber after
 * the round follows the round's frame.
 *
 * <p>Used by one thread, for one publication; never blocks.
 *
 * @param <S> the subscriber type the hub was built for
 */
public interface DeliveryRound<S extends Subscriber> {

    /** Delivers (or collects for delivery) the round's frame to {@code subscriber}. */
    void add(S subscriber);

    /** Hands over whatever was collected; called once, after the last {@link #add}. */
    void end();

    /**
     * Starts delivery rounds. Thread-safe.
     *
     * @param <S> the subscriber type
     */
    interface Factory<S extends Subscriber> {

        /** A round for {@code frame}. */
        DeliveryRound<S> begin(OutboundFrame frame);

        /** Rounds that call {@link Subscriber#deliver} for every subscriber as it is added. */
        static <S extends Subscriber> Factory<S> oneByOne() {
            return frame -> new DeliveryRound<>() {
                @Override
                public void add(S subscriber) {
                    subscriber.deliver(frame);
                }

                @Override
                public void end() {
                    // nothing was collected
                }
            };
        }
    }
}
