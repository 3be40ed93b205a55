package org.wspubsub.core.internal.endpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.core.internal.host.RequestThread;
import org.wspubsub.core.internal.hub.DeliveryRound;
import org.wspubsub.core.internal.hub.Subscriber;
import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * Delivery rounds that hand a publication to the fan-out workers: the connections a round
 * collects are grouped by the worker that writes for them, and each worker gets one task per
 * round, which gives the frame to each of its connections in the order the hub found them. The
 * frame is counted against each connection's queue bounds on the publishing thread, so a
 * publication is accepted (or refused, for a full queue) before {@code publish} returns.
 *
 * <p>Why not queue the frame into every connection's own queue on the publishing thread: that
 * stores a reference to a new object in thousands of long-lived objects per publication, and with
 * G1 every such store dirties a card that a refinement thread must scan. Measured with 5,000
 * subscribers on one topic, the refinement threads used a fifth of the server's CPU. On the
 * worker, a connection with nothing pending gets the frame written at once (see
 * {@link OutboundQueue#deliverOnWorker}), so an idle connection never stores it.
 *
 * <p>A round does not wait for the hub's walk to end before its workers start writing: each
 * worker's first {@value #FIRST_PART} connections go to it as soon as the walk has found them, the
 * next parts grow fourfold ({@value #FIRST_PART}, then 4 times as many, …), and the rest goes at
 * {@link DeliveryRound#end}. Walking a thousand connections whose state is cold in the CPU's caches
 * took about 0.3 ms before the first write; now the writes overlap it, in a handful of tasks per
 * worker. Parts of the same round waiting behind the one being written do not count as the
 * worker being behind (frames are still written at once, not queued), other work does.
 *
 * <p>A round begun on a thread that may write itself ({@link DirectWrites}: a client's publish,
 * on the thread that read it or on a callback thread) writes each worker's first part, at most
 * {@value #FIRST_PART} connections, at once to every connection whose queue is idle, and hands the
 * worker only the rest; the walk and the later parts go on as before. The first deliveries of a
 * publication then wait for no worker to wake up: in turns with the code that handed everything
 * over, at 1,000 subscribers × 20 msg/s, the bursts' first delivery came at raw Netty's instead of
 * 0.3–0.6 ms after it (see {@code docs/performance.md}, round 12).
 *
 * <p>A round of a single connection is written at once only on a {@link RequestThread}. On the
 * container thread that reads a client's frames it would put a write after every read of a
 * connection that publishes to its own topics; with 2,000 such topics that measured no better and
 * possibly worse (round 12's many-topics runs).
 *
 * <p>Thread-safe: {@link #begin} from any publishing thread; each round is used by the thread that
 * began it, and its tasks run on the fan-out workers.
 */
public final class WriterRounds implements DeliveryRound.Factory {

    private static final Logger log = LoggerFactory.getLogger(WriterRounds.class);

    /** How many connections of a round a worker gets in its first part (see the class comment). */
    static final int FIRST_PART = 8;

    private final FanOutWorkers workers;

    public WriterRounds(FanOutWorkers workers) {
        this.workers = workers;
    }

    @Override
    public DeliveryRound begin(OutboundFrame frame) {
        return new Round(frame);
    }

    /**
     * One publication's connections, grouped by worker and handed over in growing parts; the common
     * one-connection round allocates no arrays.
     */
    private final class Round implements DeliveryRound {
        private final OutboundFrame frame;
        /** Whether this thread writes the first part to idle connections itself (see the class comment). */
        private final boolean writesFirstPart = DirectWrites.allowed();
        private OutboundQueue only;
        /** Per worker, the part being filled. */
        private OutboundQueue[][] byWorker;
        private int[] counts;
        /** Per worker, the size at which the part being filled is handed over (0: not yet set). */
        private int[] partSizes;

        Round(OutboundFrame frame) {
            this.frame = frame;
        }

        @Override
        public void add(Subscriber subscriber) {
            if (!(subscriber instanceof ClientConnection connection)) {
                subscriber.deliver(frame);
                return;
            }
            OutboundQueue queue = connection.outbound();
            if (!queue.reserveInTransit(frame)) {
                return; // closing, or just overflowed (and being closed as a slow consumer)
            }
            if (byWorker == null) {
                if (only == null) {
                    only = queue;
                    return;
                }
                byWorker = new OutboundQueue[workers.size()][];
                counts = new int[workers.size()];
                partSizes = new int[workers.size()];
                append(only);
                only = null;
            }
            append(queue);
        }

        private void append(OutboundQueue queue) {
            int worker = queue.worker();
            OutboundQueue[] queues = byWorker[worker];
            if (queues == null) {
                int size = partSizes[worker] = partSizes[worker] == 0 ? FIRST_PART : partSizes[worker] * 4;
                queues = byWorker[worker] = new OutboundQueue[size];
            }
            queues[counts[worker]++] = queue;
            if (counts[worker] == queues.length) {
                // this part is full: its worker can start on it while the walk goes on
                hand(worker, queues, queues.length);
                byWorker[worker] = null;
                counts[worker] = 0;
            }
        }

        @Override
        public void end() {
            if (only != null) {
                OutboundQueue queue = only;
                if (RequestThread.isCurrent() && queue.writeNowIfIdle(frame, true)) {
                    return; // one subscriber, an idle socket and a request thread: no hand-off
                }
                submit(queue.worker(), new Delivery(this, queue.worker(), new OutboundQueue[] {queue}, 1));
                return;
            }
            if (byWorker == null) {
                return;
            }
            for (int worker = 0; worker < byWorker.length; worker++) {
                if (counts[worker] > 0) {
                    hand(worker, byWorker[worker], counts[worker]);
                }
            }
        }

        /**
         * Hands a part to its worker; a worker's first part, on a thread that may write, is first
         * written here to each connection whose queue is idle, and only the others are handed over.
         */
        private void hand(int worker, OutboundQueue[] queues, int count) {
            int left = count;
            if (writesFirstPart && partSizes[worker] == FIRST_PART) {
                left = 0;
                for (int i = 0; i < count; i++) {
                    if (!queues[i].writeNowIfIdle(frame, true)) {
                        queues[left++] = queues[i];
                    }
                }
            }
            if (left > 0) {
                submit(worker, new Delivery(this, worker, queues, left));
            }
        }

        private void submit(int worker, Delivery delivery) {
            try {
                workers.execute(worker, delivery);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                log.debug("the service is stopping; a publication was not delivered to {} connections", delivery.count);
                for (int i = 0; i < delivery.count; i++) {
                    delivery.queues[i].release(frame);
                }
            }
        }
    }

    /**
     * Runs on one fan-out worker: gives the frame to each of its connections in turn. While other
     * work waits in the worker's inbox (the node is behind), the frame is queued rather than written,
     * so that the connection's next write carries everything that piled up: batching grows with the
     * load, and an idle node still writes at once. The next part of the same round waiting in the
     * inbox is not such work.
     */
    private final class Delivery implements Runnable {
        private final Round round;
        private final int worker;
        private final OutboundQueue[] queues;
        private final int count;

        Delivery(Round round, int worker, OutboundQueue[] queues, int count) {
            this.round = round;
            this.worker = worker;
            this.queues = queues;
            this.count = count;
        }

        @Override
        public void run() {
            for (int i = 0; i < count; i++) {
                try {
                    queues[i].deliverOnWorker(round.frame, behind());
                } catch (RuntimeException e) {
                    log.error("delivering a publication to one connection failed; the others go on", e);
                }
            }
        }

        /**
         * Whether other work than this round's own later parts waits in the worker's inbox: work
         * is waiting, and the latest task handed to the worker is not a part of this round. (The
         * inbox is first in, first out, and a round's parts are handed over one after another,
         * so when the latest is one of them, everything waiting is; a publication handed over
         * concurrently from another thread may be missed, which costs a batch, never an order.)
         */
        private boolean behind() {
            return workers.hasBacklog(worker)
                    && !(workers.lastTask(worker) instanceof Delivery part && part.round == round);
        }
    }
}
