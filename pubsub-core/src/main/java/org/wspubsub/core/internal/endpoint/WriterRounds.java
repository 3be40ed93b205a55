package org.wspubsub.core.internal.endpoint;

import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.core.internal.hub.DeliveryRound;
import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * Delivery rounds that hand a publication to the fan-out workers: while the hub walks its index,
 * the round {@linkplain OutboundQueue#reserve reserves} the frame in each matching connection's queue
 * (so a full queue is refused, and its connection closed as a slow consumer, before
 * {@code publish} returns) and groups the connections by worker; when the round ends, each worker
 * gets one task that gives the frame to each of its connections in the order the hub found them.
 * A publication to a thousand connections costs one hand-off per worker.
 *
 * <p>Why reserve here but queue on the worker: queuing into every connection's queue on the
 * publishing thread would store a reference to a new object in thousands of long-lived objects per
 * publication, and the garbage collector's card marking makes every such store expensive; on the
 * worker, a connection with nothing pending gets the frame written without storing it at all (see
 * {@link OutboundQueue}).
 *
 * <p>Thread-safe: {@link #begin} from any publishing thread; each round is used by the thread that
 * began it ({@link DeliveryRound}'s contract: everything is handed over when {@link DeliveryRound#end}
 * returns), and its tasks run on the fan-out workers.
 */
public final class WriterRounds implements DeliveryRound.Factory<ClientConnection> {

    private static final Logger log = LoggerFactory.getLogger(WriterRounds.class);

    /** How many connections a worker's part of a round starts with room for. */
    private static final int FIRST_SIZE = 8;

    private final int workers;

    /** Rounds for {@code workers} fan-out workers (the queues' {@link OutboundWorker#index()} is below it). */
    public WriterRounds(int workers) {
        this.workers = workers;
    }

    @Override
    public Round begin(OutboundFrame frame) {
        return new Round(frame);
    }

    /** One publication's connections, grouped by worker; the common one-connection round allocates no arrays. */
    final class Round implements DeliveryRound<ClientConnection> {
        private final OutboundFrame frame;
        private OutboundQueue only;
        /** Per worker index, the queues found so far; null until a second connection is found. */
        private OutboundQueue[][] byWorker;
        private int[] counts;

        Round(OutboundFrame frame) {
            this.frame = frame;
        }

        @Override
        public void add(ClientConnection connection) {
            add(connection.outbound());
        }

        /** Reserves the frame in {@code queue} and groups it with its worker's other connections. */
        void add(OutboundQueue queue) {
            if (!queue.reserve(frame)) {
                return; // closing, or just overflowed (and being closed as a slow consumer)
            }
            if (byWorker == null) {
                if (only == null) {
                    only = queue;
                    return;
                }
                byWorker = new OutboundQueue[workers][];
                counts = new int[workers];
                append(only);
                only = null;
            }
            append(queue);
        }

        private void append(OutboundQueue queue) {
            int worker = queue.worker().index();
            OutboundQueue[] queues = byWorker[worker];
            if (queues == null) {
                queues = byWorker[worker] = new OutboundQueue[FIRST_SIZE];
            } else if (counts[worker] == queues.length) {
                queues = byWorker[worker] = Arrays.copyOf(queues, queues.length * 2);
            }
            queues[counts[worker]++] = queue;
        }

        @Override
        public void end() {
            if (only != null) {
                hand(only.worker(), new OutboundQueue[] {only}, 1);
                return;
            }
            if (byWorker == null) {
                return;
            }
            for (int worker = 0; worker < workers; worker++) {
                if (counts[worker] > 0) {
                    OutboundQueue[] queues = byWorker[worker];
                    hand(queues[0].worker(), queues, counts[worker]);
                }
            }
        }

        private void hand(OutboundWorker worker, OutboundQueue[] queues, int count) {
            try {
                worker.execute(new Delivery(frame, queues, count));
            } catch (RejectedExecutionException stopped) {
                log.debug("the service is stopping; a publication was not delivered to {} connections", count);
                for (int i = 0; i < count; i++) {
                    queues[i].release(frame);
                }
            }
        }
    }

    /** One worker's part of a round: gives the frame to each of its connections in turn. */
    private static final class Delivery implements Runnable {
        private final OutboundFrame frame;
        private final OutboundQueue[] queues;
        private final int count;

        Delivery(OutboundFrame frame, OutboundQueue[] queues, int count) {
            this.frame = frame;
            this.queues = queues;
            this.count = count;
        }

        @Override
        public void run() {
            for (int i = 0; i < count; i++) {
                try {
                    queues[i].take(frame);
                } catch (RuntimeException e) {
                    log.error("delivering a publication to one connection failed; the others go on", e);
                }
            }
        }
    }
}
