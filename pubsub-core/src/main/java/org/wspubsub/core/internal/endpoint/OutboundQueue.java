package org.wspubsub.core.internal.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
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
 * <p>Thread-safe: {@link #offer} from any thread; draining runs on this connection's fan-out worker.
 */
public final class OutboundQueue implements Runnable {

    /** The most bytes one write carries; more waits for the next write. */
    static final int MAX_BATCH_BYTES = 64 * 1024;

    private final ConcurrentLinkedQueue<OutboundFrame> frames = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final AtomicBoolean active = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final FrameTransport transport;
    private final FanOutWorkers workers;
    private final int worker;
    private final long maxBytes;
    private final int maxFrames;
    private final LongConsumer onOverflow;
    private final java.util.function.Consumer<Throwable> onWriteFailure;
    private volatile boolean accepting = true;
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
        if (!accepting) {
            return false;
        }
        long bytes = pendingBytes.addAndGet(frame.size());
        int count = pendingFrames.incrementAndGet();
        if (bytes > maxBytes || count > maxFrames) {
            pendingBytes.addAndGet(-frame.size());
            pendingFrames.decrementAndGet();
            accepting = false;
            if (overflowed.compareAndSet(false, true)) {
                frames.clear();
                onOverflow.accept(bytes);
            }
            return false;
        }
        frames.offer(frame);
        schedule();
        return true;
    }

    /** Stops accepting frames and runs {@code action} once everything already queued was written. */
    public void finish(Runnable action) {
        accepting = false;
        whenDrained = action;
        schedule();
    }

    /** Stops accepting and forgets what is queued (the connection is gone). */
    public void discard() {
        accepting = false;
        whenDrained = null;
        frames.clear();
    }

    /** How long the write in flight has been going on, in nanoseconds; 0 when no write is in flight. */
    public long writeStalledNanos(long now) {
        long started = writeStartedNanos;
        return started == 0 ? 0 : now - started;
    }

    /** Bytes queued or in flight. */
    public long pendingBytes() {
        return pendingBytes.get();
    }

    private void schedule() {
        if (active.compareAndSet(false, true)) {
            resume();
        }
    }

    /** Hands the queue to its worker; the caller holds the {@code active} flag. */
    private void resume() {
        try {
            workers.execute(worker, this);
        } catch (RejectedExecutionException stopped) {
            active.set(false);
        }
    }

    /** Drains on the worker thread. */
    @Override
    public void run() {
        while (true) {
            List<OutboundFrame> batch = null;
            int bytes = 0;
            OutboundFrame next;
            while ((next = frames.peek()) != null) {
                int size = next.size();
                if (batch != null && bytes + size > MAX_BATCH_BYTES) {
                    break;
                }
                frames.poll();
                if (batch == null) {
                    batch = new ArrayList<>(Math.min(64, pendingFrames.get() + 1));
                }
                batch.add(next);
                bytes += size;
            }
            if (batch == null) {
                idle();
                return;
            }
            if (!write(batch, bytes)) {
                return; // the write completes later and hands the queue back to the worker
            }
        }
    }

    /** Writes one batch; true when it completed during the call (so the caller may go on draining). */
    private boolean write(List<OutboundFrame> batch, int batchBytes) {
        int batchFrames = batch.size();
        AtomicBoolean handedOver = new AtomicBoolean();
        writeStartedNanos = System.nanoTime();
        boolean[] failed = {false};
        transport.write(batch, failure -> {
            writeStartedNanos = 0;
            pendingBytes.addAndGet(-batchBytes);
            pendingFrames.addAndGet(-batchFrames);
            if (failure != null) {
                failed[0] = true;
                accepting = false;
                frames.clear();
                active.set(false);
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

    private void idle() {
        Runnable action = whenDrained;
        if (action != null && frames.isEmpty()) {
            whenDrained = null;
            active.set(false);
            action.run();
            return;
        }
        active.set(false);
        if (!frames.isEmpty() || whenDrained != null) {
            schedule();
        }
    }
}
