package org.wspubsub.core.internal.endpoint;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.wspubsub.core.internal.host.RequestThread;
import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * One connection's outbound queue: bounded in frames and bytes, drained by its fan-out worker
 * with at most one write outstanding, and batching everything that piled up while the previous
 * write was in flight into the next write.
 *
 * <p>Publishers only append ({@link #offer} is lock-free and never blocks); when the frames and
 * bytes not yet written (queued plus in flight) would pass a bound, the queue stops accepting and
 * reports the overflow once, so a slow client is cut off without slowing anyone else.
 *
 * <p>A write that completes while it is being made (the socket took everything) lets the same
 * worker go on draining at once; only a write that completes later hands the queue back to the
 * worker through its inbox.
 *
 * <p>Publications usually arrive through {@link #deliverOnWorker} instead, on the queue's own
 * worker: a connection with nothing pending gets the frame written straight away.
 *
 * <p>Thread-safe: {@link #offer} from any thread; {@link #deliverOnWorker} and draining run on
 * this connection's fan-out worker, except that a {@link RequestThread}, or a container thread
 * handling a client's publish, writes a frame itself when the queue is idle ({@link #writeNowIfIdle}).
 */
public final class OutboundQueue implements Runnable {

    /** The most bytes one write carries; more waits for the next write. */
    static final int MAX_BATCH_BYTES = 64 * 1024;

    private static final VarHandle FRAMES;
    private static final VarHandle PENDING_BYTES;
    private static final VarHandle PENDING_FRAMES;
    private static final VarHandle IN_TRANSIT;
    private static final VarHandle ACTIVE;
    private static final VarHandle OVERFLOWED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            FRAMES = lookup.findVarHandle(OutboundQueue.class, "frames", ConcurrentLinkedQueue.class);
            PENDING_BYTES = lookup.findVarHandle(OutboundQueue.class, "pendingBytes", long.class);
            PENDING_FRAMES = lookup.findVarHandle(OutboundQueue.class, "pendingFrames", int.class);
            IN_TRANSIT = lookup.findVarHandle(OutboundQueue.class, "inTransit", int.class);
            ACTIVE = lookup.findVarHandle(OutboundQueue.class, "active", boolean.class);
            OVERFLOWED = lookup.findVarHandle(OutboundQueue.class, "overflowed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Frames waiting for a write; created on first use (an idle connection's frames are written without it). */
    private volatile ConcurrentLinkedQueue<OutboundFrame> frames;
    /** Bytes and frames queued or in flight. */
    private volatile long pendingBytes;
    private volatile int pendingFrames;
    /** Frames reserved for this queue that are still on their way to its worker (in a round's task). */
    private volatile int inTransit;
    /** Whether a drain holds the queue (scheduled, draining or with a write in flight). */
    private volatile boolean active;
    private volatile boolean overflowed;
    private final FrameTransport transport;
    private final FanOutWorkers workers;
    private final int worker;
    private final long maxBytes;
    private final int maxFrames;
    private final LongConsumer onOverflow;
    private final java.util.function.Consumer<Throwable> onWriteFailure;
    private volatile boolean accepting = true;
    /** Set once the connection is gone: reserved frames still on their way are dropped. */
    private volatile boolean discarded;
    private volatile Runnable whenDrained;
    /** When the write now in flight started, or 0 when none is. */
    private volatile long writeStartedNanos;

    public OutboundQueue(FrameTransport transport, FanOutWorkers workers, long maxBytes, int maxFrames,
                         LongConsumer onOverflow, java.util.function.Consumer<Throwable> onWriteFailure) {
        this.transport = transport;
        this.workers = workers;
        this.worker = workers.pick();
        this.maxBytes = maxBytes;
        this.maxFrames = maxFrames;
        this.onOverflow = onOverflow;
        this.onWriteFailure = onWriteFailure;
    }

    /**
     * Appends a frame.
     *
     * @return false when the queue no longer accepts frames (closing, or it just overflowed)
     */
    public boolean offer(OutboundFrame frame) {
        if (!reserve(frame)) {
            return false;
        }
        if (RequestThread.isCurrent() && writeNowIfIdle(frame, false)) {
            return true;
        }
        if (inTransit == 0) {
            // (a round reserving on another thread right now is concurrent with this frame: no order is owed)
            enqueue(frame);
            return true;
        }
        // a round's frame reserved earlier is still on its way: go to the worker behind it
        IN_TRANSIT.getAndAdd(this, 1);
        try {
            workers.execute(worker, () -> deliverOnWorker(frame, workers.hasBacklog(worker)));
        } catch (RejectedExecutionException stopped) {
            release(frame);
        }
        return true;
    }

    /**
     * Writes a frame already counted against the bounds on the calling thread, when nothing else
     * is reserved, queued or in flight, so nothing earlier can be overtaken; false (nothing done)
     * otherwise, and the caller hands the frame to the worker. Only for threads that
     * {@link DirectWrites} allows: a {@link RequestThread}'s reply, and a client publish's first
     * deliveries (see {@link WriterRounds}), then go out without a hand-off to the worker; the host's
     * threads never write to sockets. A later frame that arrives while this write is in flight is
     * queued and drained by the worker as usual.
     */
    boolean writeNowIfIdle(OutboundFrame frame, boolean wasInTransit) {
        if (discarded || pendingFrames != 1 || !ACTIVE.compareAndSet(this, false, true)) {
            return false;
        }
        if (wasInTransit) {
            IN_TRANSIT.getAndAdd(this, -1);
        }
        try {
            drain(frame);
        } catch (RuntimeException e) {
            active = false;
            onWriteFailure.accept(e);
        }
        return true;
    }

    /**
     * Takes a publication's frame, already counted by {@link #reserveInTransit}, on this queue's own worker
     * thread (from a {@link WriterRounds} round). When nothing is queued or being written and the
     * worker is not {@code behind}, the frame is written at once and never enters the queue: no
     * reference to it is stored in this long-lived object, which keeps a fan-out to thousands of
     * idle connections free of garbage-collector card marking. When the worker is behind, the
     * frame is queued and the drain goes to the back of the worker's inbox, so later frames join
     * the same write. The frames of rounds that reached the worker before {@link #finish}'s drain
     * are written before its action; a frame for a discarded queue is dropped.
     */
    void deliverOnWorker(OutboundFrame frame, boolean behind) {
        IN_TRANSIT.getAndAdd(this, -1);
        if (discarded) {
            return;
        }
        if (!behind && nothingQueued() && ACTIVE.compareAndSet(this, false, true)) {
            drain(frame);
        } else {
            enqueue(frame);
        }
    }

    /** The fan-out worker that drains this queue. */
    int worker() {
        return worker;
    }

    /**
     * Counts a round's frame against the bounds, on the publishing thread, before the round hands
     * it to {@link #deliverOnWorker}; until it arrives there, frames offered to this queue follow
     * it through the worker instead of overtaking it. False (and the overflow reported once) when
     * it does not fit or the queue no longer accepts frames.
     */
    boolean reserveInTransit(OutboundFrame frame) {
        if (!reserve(frame)) {
            return false;
        }
        IN_TRANSIT.getAndAdd(this, 1);
        return true;
    }

    /** Counts a frame against the bounds; false (and the overflow reported once) as for {@link #reserveInTransit}. */
    private boolean reserve(OutboundFrame frame) {
        if (!accepting) {
            return false;
        }
        long bytes = (long) PENDING_BYTES.getAndAdd(this, (long) frame.size()) + frame.size();
        int count = (int) PENDING_FRAMES.getAndAdd(this, 1) + 1;
        if (bytes > maxBytes || count > maxFrames) {
            PENDING_BYTES.getAndAdd(this, (long) -frame.size());
            PENDING_FRAMES.getAndAdd(this, -1);
            accepting = false;
            if (OVERFLOWED.compareAndSet(this, false, true)) {
                discarded = true;
                clearQueued();
                onOverflow.accept(bytes);
            }
            return false;
        }
        return true;
    }

    /**
     * Gives back a frame counted by {@link #reserveInTransit} that will never be delivered (its round could
     * not reach the worker because the service is stopping).
     */
    void release(OutboundFrame frame) {
        IN_TRANSIT.getAndAdd(this, -1);
        PENDING_BYTES.getAndAdd(this, (long) -frame.size());
        PENDING_FRAMES.getAndAdd(this, -1);
        if (whenDrained != null && nothingPending()) {
            schedule();
        }
    }

    /**
     * Stops accepting frames and runs {@code action} once everything already accepted was written,
     * including frames reserved by rounds that have not reached the worker yet.
     */
    public void finish(Runnable action) {
        accepting = false;
        whenDrained = action;
        schedule();
    }

    /** Stops accepting and forgets what is queued (the connection is gone). */
    public void discard() {
        accepting = false;
        discarded = true;
        whenDrained = null;
        clearQueued();
    }

    /** How long the write in flight has been going on, in nanoseconds; 0 when no write is in flight. */
    public long writeStalledNanos(long now) {
        long started = writeStartedNanos;
        return started == 0 ? 0 : now - started;
    }

    /** Bytes queued or in flight. */
    public long pendingBytes() {
        return pendingBytes;
    }

    private void schedule() {
        if (ACTIVE.compareAndSet(this, false, true)) {
            resume();
        }
    }

    /** Appends an already reserved frame and makes sure a drain is scheduled. */
    private void enqueue(OutboundFrame frame) {
        queue().offer(frame);
        schedule();
    }

    /** The frame queue, created on first use. */
    private ConcurrentLinkedQueue<OutboundFrame> queue() {
        ConcurrentLinkedQueue<OutboundFrame> queued = frames;
        if (queued == null) {
            queued = new ConcurrentLinkedQueue<>();
            if (!FRAMES.compareAndSet(this, null, queued)) {
                queued = frames;
            }
        }
        return queued;
    }

    private boolean nothingQueued() {
        ConcurrentLinkedQueue<OutboundFrame> queued = frames;
        return queued == null || queued.isEmpty();
    }

    private void clearQueued() {
        ConcurrentLinkedQueue<OutboundFrame> queued = frames;
        if (queued != null) {
            queued.clear();
        }
    }

    /** Hands the queue to its worker; the caller holds the {@code active} flag. */
    private void resume() {
        try {
            workers.execute(worker, this);
        } catch (RejectedExecutionException stopped) {
            active = false;
        }
    }

    /** Drains on the worker thread. */
    @Override
    public void run() {
        drain(null);
    }

    /** Writes {@code first} (when not null) and everything queued, batch by batch; the caller holds {@code active}. */
    private void drain(OutboundFrame first) {
        OutboundFrame carried = first;
        while (true) {
            List<OutboundFrame> batch = nextBatch(carried);
            carried = null;
            if (batch == null) {
                idle();
                return;
            }
            if (!write(batch)) {
                return; // the write completes later and hands the queue back to the worker
            }
        }
    }

    /** The next batch: {@code first} (if any), then queued frames up to {@link #MAX_BATCH_BYTES}; null when there is nothing. */
    private List<OutboundFrame> nextBatch(OutboundFrame first) {
        ConcurrentLinkedQueue<OutboundFrame> queued = frames;
        OutboundFrame next = queued == null ? null : queued.peek();
        if (next == null) {
            return first == null ? null : List.of(first);
        }
        List<OutboundFrame> batch = new ArrayList<>(Math.min(64, pendingFrames + 1));
        int bytes = 0;
        if (first != null) {
            batch.add(first);
            bytes = first.size();
        }
        while ((next = queued.peek()) != null) {
            int size = next.size();
            if (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
                break;
            }
            queued.poll();
            batch.add(next);
            bytes += size;
        }
        return batch;
    }

    /** Writes one batch; true when it completed during the call (so the caller may go on draining). */
    private boolean write(List<OutboundFrame> batch) {
        int batchFrames = batch.size();
        int bytes = 0;
        for (int i = 0; i < batchFrames; i++) {
            bytes += batch.get(i).size();
        }
        int batchBytes = bytes;
        AtomicBoolean handedOver = new AtomicBoolean();
        writeStartedNanos = System.nanoTime();
        boolean[] failed = {false};
        transport.write(batch, failure -> {
            writeStartedNanos = 0;
            PENDING_BYTES.getAndAdd(this, (long) -batchBytes);
            PENDING_FRAMES.getAndAdd(this, -batchFrames);
            if (failure != null) {
                failed[0] = true;
                accepting = false;
                clearQueued();
                active = false;
                onWriteFailure.accept(failure);
                return;
            }
            if (!handedOver.compareAndSet(false, true)) {
                resume(); // completed after write() returned: the caller has left, continue on the worker
            }
        });
        // true when the completion already ran (inline): then this thread continues draining
        return handedOver.getAndSet(true) && !failed[0];
    }

    /**
     * Gives up the queue after a drain. The {@link #finish} action runs only once nothing is
     * pending at all: a frame reserved on a publishing thread may still be on its way to this
     * worker in a round's task queued behind this drain, and that task's
     * {@link #deliverOnWorker} starts the next drain, which ends here again.
     */
    private void idle() {
        Runnable action = whenDrained;
        if (action != null && nothingPending()) {
            whenDrained = null;
            active = false;
            action.run();
            return;
        }
        active = false;
        if (!nothingQueued() || (whenDrained != null && nothingPending())) {
            schedule();
        }
    }

    /** Nothing queued, in flight, or reserved and still on its way. */
    private boolean nothingPending() {
        return pendingFrames == 0 && nothingQueued();
    }
}
