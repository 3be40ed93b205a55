package org.wspubsub.core.internal.endpoint;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * One connection's outbound stream: every frame the connection is sent (deliveries, replies, pings)
 * passes through here, and is written by the connection's {@link OutboundWorker}.
 *
 * <h2>How a frame travels</h2>
 * A producer first {@linkplain #reserve reserves} the frame (counts it against the bounds, on its
 * own thread), then hands it to the worker, which {@linkplain #take takes} it: {@link #offer} does
 * both at once for a single frame; a delivery round ({@link WriterRounds}) reserves on the
 * publishing thread while the hub walks its index, and hands each worker all of its connections in
 * one task when the round ends. On the worker, a frame is written at once when the connection has
 * nothing queued or in flight and no other task waits on the worker; otherwise it is queued, and
 * the next write carries everything queued (up to {@value #MAX_BATCH_BYTES} bytes). An idle
 * connection's frame is therefore never stored in this long-lived object, and a busy node writes
 * each connection once for many frames.
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li><b>Order.</b> Frames are written in the order their {@link #take} tasks ran on the worker,
 *   which is the order they were handed to it. So the frames one thread offers leave in the order it
 *   offered them, and a frame offered after a delivery round ended (on the round's thread, or on any
 *   thread that saw the round end) follows that round's frame. Frames handed over concurrently from
 *   different threads are ordered only by their hand-off.</li>
 *   <li><b>One write at a time.</b> At most one {@link FrameTransport#write} is in flight; the next
 *   starts only after its callback.</li>
 *   <li><b>Bounds.</b> A frame counts against {@code maxBytes} and {@code maxFrames} from its
 *   reservation until its write completed or it was dropped. A reservation that would pass a bound is
 *   refused, the queue stops accepting, and {@code onOverflow} runs once, on the reserving thread.</li>
 *   <li><b>Counters come back to zero</b> once nothing is reserved, queued or in flight, whether the
 *   frames were written, dropped by {@link #discard} or lost to a failed write.</li>
 *   <li><b>finish.</b> {@link #finish} stops accepting; its action runs exactly once, on the worker,
 *   after every frame reserved before it was written, unless the queue is discarded or a write fails
 *   first (then never); if the worker is already stopped, it runs at once on the caller.</li>
 *   <li><b>discard.</b> {@link #discard} stops accepting; queued frames and frames still arriving are
 *   dropped, never written.</li>
 * </ol>
 *
 * <p>Threads: {@link #offer}, {@link #reserve}, {@link #release}, {@link #finish}, {@link #discard}
 * and the accessors from any thread, never blocking; {@link #take} and everything it starts only on
 * the worker. The transport's callback may come on any thread: when it comes after
 * {@link FrameTransport#write} returned, the queue continues on the worker through a task.
 */
public final class OutboundQueue {

    /** The most bytes one write carries (a single larger frame goes alone); more waits for the next write. */
    static final int MAX_BATCH_BYTES = 64 * 1024;

    private static final VarHandle PENDING_BYTES;
    private static final VarHandle PENDING_FRAMES;
    private static final VarHandle OVERFLOWED;
    private static final VarHandle WRITE_STATE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PENDING_BYTES = lookup.findVarHandle(OutboundQueue.class, "pendingBytes", long.class);
            PENDING_FRAMES = lookup.findVarHandle(OutboundQueue.class, "pendingFrames", int.class);
            OVERFLOWED = lookup.findVarHandle(OutboundQueue.class, "overflowed", boolean.class);
            WRITE_STATE = MethodHandles.privateLookupIn(Write.class, lookup).findVarHandle(Write.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FrameTransport transport;
    private final OutboundWorker worker;
    private final long maxBytes;
    private final int maxFrames;
    private final LongConsumer onOverflow;
    private final Consumer<Throwable> onWriteFailure;

    // ---- any thread ----
    /** Bytes and frames reserved and not yet written or dropped. */
    private volatile long pendingBytes;
    private volatile int pendingFrames;
    private volatile boolean accepting = true;
    private volatile boolean overflowed;
    /** Set by {@link #discard} or a failed write: nothing more is written. */
    private volatile boolean discarded;
    /** When the write now in flight started, or 0 when none is. */
    private volatile long writeStartedNanos;

    // ---- the worker only ----
    /** Frames waiting for the next write; null while none wait (an idle connection keeps no queue). */
    private ArrayDeque<OutboundFrame> queued;
    private boolean writing;
    private boolean drainScheduled;
    /** {@link #finish}'s action, once its task reached the worker. */
    private Runnable whenDrained;

    public OutboundQueue(FrameTransport transport, OutboundWorker worker, long maxBytes, int maxFrames,
                         LongConsumer onOverflow, Consumer<Throwable> onWriteFailure) {
        this.transport = transport;
        this.worker = worker;
        this.maxBytes = maxBytes;
        this.maxFrames = maxFrames;
        this.onOverflow = onOverflow;
        this.onWriteFailure = onWriteFailure;
    }

    /**
     * Reserves {@code frame} and hands it to the worker. Any thread; never blocks.
     *
     * @return false when the queue no longer accepts frames (finishing, discarded, or it just
     *     overflowed) or its worker is stopped; the frame is then dropped
     */
    public boolean offer(OutboundFrame frame) {
        if (!reserve(frame)) {
            return false;
        }
        try {
            worker.execute(() -> take(frame));
        } catch (RejectedExecutionException stopped) {
            release(frame);
            return false;
        }
        return true;
    }

    /** The worker that writes this queue. */
    OutboundWorker worker() {
        return worker;
    }

    /**
     * Counts {@code frame} against the bounds; the caller then hands it to {@link #take} on the
     * worker, or gives it back with {@link #release}. False (and {@code onOverflow} run once, here)
     * when it does not fit, or the queue no longer accepts frames. Any thread.
     */
    boolean reserve(OutboundFrame frame) {
        if (!accepting) {
            return false;
        }
        int size = frame.size();
        long bytes = (long) PENDING_BYTES.getAndAdd(this, (long) size) + size;
        int count = (int) PENDING_FRAMES.getAndAdd(this, 1) + 1;
        if (bytes > maxBytes || count > maxFrames) {
            unreserve(size, 1);
            accepting = false;
            if (OVERFLOWED.compareAndSet(this, false, true)) {
                onOverflow.accept(bytes);
            }
            return false;
        }
        return true;
    }

    /** Gives back a reserved frame that will never reach {@link #take} (its worker is stopped). Any thread. */
    void release(OutboundFrame frame) {
        unreserve(frame.size(), 1);
    }

    /**
     * A reserved frame arrives on the worker: written at once when nothing is queued or in flight
     * and no other task waits; queued otherwise; dropped when the queue was discarded.
     */
    void take(OutboundFrame frame) {
        if (discarded) {
            unreserve(frame.size(), 1);
            return;
        }
        if (!writing && queued == null && !worker.hasWaitingTasks()) {
            writeFrom(List.of(frame));
            return;
        }
        if (queued == null) {
            queued = new ArrayDeque<>(4);
        }
        queued.add(frame);
        if (!writing) {
            scheduleDrain();
        }
    }

    /**
     * Stops accepting frames and runs {@code action} once, on the worker, after everything reserved
     * so far was written (see the class comment). Any thread.
     */
    public void finish(Runnable action) {
        accepting = false;
        try {
            worker.execute(() -> {
                whenDrained = action;
                if (!writing) {
                    finishIfDrained();
                }
            });
        } catch (RejectedExecutionException stopped) {
            action.run();
        }
    }

    /** Stops accepting and drops whatever is queued or still arriving (the connection is gone). Any thread. */
    public void discard() {
        accepting = false;
        discarded = true;
        try {
            worker.execute(this::dropQueued);
        } catch (RejectedExecutionException stopped) {
            // the worker is gone: nothing it holds will be written
        }
    }

    /** How long the write in flight has been going on, in nanoseconds; 0 when no write is in flight. */
    public long writeStalledNanos(long now) {
        long started = writeStartedNanos;
        return started == 0 ? 0 : now - started;
    }

    /** Bytes reserved and not yet written or dropped. */
    public long pendingBytes() {
        return pendingBytes;
    }

    /** Frames reserved and not yet written or dropped. */
    int pendingFrames() {
        return pendingFrames;
    }

    // ---- on the worker ----

    private void scheduleDrain() {
        if (drainScheduled) {
            return;
        }
        drainScheduled = true;
        try {
            worker.execute(this::drain);
        } catch (RejectedExecutionException stopped) {
            drainScheduled = false;
            dropQueued();
        }
    }

    /** A drain task: writes what is queued unless a write is in flight (its completion goes on). */
    private void drain() {
        drainScheduled = false;
        if (!writing) {
            writeFrom(nextBatch());
        }
    }

    /**
     * Writes {@code batch} (may be null) and then, as long as each write completes during the call,
     * the next batches; returns when the queue is empty or a write is still in flight.
     */
    private void writeFrom(List<OutboundFrame> batch) {
        List<OutboundFrame> next = batch;
        while (next != null) {
            if (discarded) {
                drop(next);
                dropQueued();
                return;
            }
            Write write = new Write(next);
            writing = true;
            writeStartedNanos = System.nanoTime();
            try {
                transport.write(next, write);
            } catch (RuntimeException e) {
                write.threw(e);
            }
            if (!write.completedDuringCall()) {
                return; // the callback continues on the worker
            }
            writing = false;
            if (write.failure != null) {
                failed(write.failure);
                return;
            }
            next = nextBatch();
        }
        finishIfDrained();
    }

    /** After a write that completed once {@link FrameTransport#write} had returned. */
    private void written(Throwable failure) {
        writing = false;
        if (failure != null) {
            failed(failure);
            return;
        }
        writeFrom(nextBatch());
    }

    /** Queued frames up to {@link #MAX_BATCH_BYTES} (at least one); null when none wait. */
    private List<OutboundFrame> nextBatch() {
        ArrayDeque<OutboundFrame> waiting = queued;
        if (waiting == null) {
            return null;
        }
        OutboundFrame first = waiting.poll();
        if (waiting.isEmpty()) {
            queued = null;
            return List.of(first);
        }
        List<OutboundFrame> batch = new ArrayList<>(Math.min(64, waiting.size() + 1));
        batch.add(first);
        int bytes = first.size();
        OutboundFrame next;
        while ((next = waiting.peek()) != null && bytes + next.size() <= MAX_BATCH_BYTES) {
            batch.add(waiting.poll());
            bytes += next.size();
        }
        if (waiting.isEmpty()) {
            queued = null;
        }
        return batch;
    }

    private void finishIfDrained() {
        Runnable action = whenDrained;
        if (action != null && !discarded && pendingFrames == 0) {
            whenDrained = null;
            action.run();
        }
    }

    private void failed(Throwable failure) {
        accepting = false;
        discarded = true;
        dropQueued();
        onWriteFailure.accept(failure);
    }

    private void dropQueued() {
        whenDrained = discarded ? null : whenDrained;
        ArrayDeque<OutboundFrame> waiting = queued;
        queued = null;
        if (waiting != null) {
            drop(waiting);
        }
    }

    private void drop(Iterable<OutboundFrame> frames) {
        long bytes = 0;
        int count = 0;
        for (OutboundFrame frame : frames) {
            bytes += frame.size();
            count++;
        }
        unreserve(bytes, count);
    }

    private void unreserve(long bytes, int frames) {
        PENDING_BYTES.getAndAdd(this, -bytes);
        PENDING_FRAMES.getAndAdd(this, -frames);
    }

    /**
     * One write's callback. It tells {@link #writeFrom} whether it ran during the transport's call
     * (then the worker goes on in the same loop) or will run later (then it hands the queue back to
     * the worker in a task): whichever of the two moments comes second does the continuing.
     */
    private final class Write implements FrameTransport.WriteCallback {
        private static final int IN_CALL = 0;
        private static final int RETURNED = 1;
        private static final int COMPLETED = 2;

        private final long bytes;
        private final int frames;
        /** {@link #IN_CALL}, then {@link #RETURNED} or {@link #COMPLETED}, whichever came first. */
        private volatile int state = IN_CALL;
        private volatile Throwable failure;

        Write(List<OutboundFrame> batch) {
            long sum = 0;
            for (int i = 0; i < batch.size(); i++) {
                sum += batch.get(i).size();
            }
            this.bytes = sum;
            this.frames = batch.size();
        }

        @Override
        public void written(Throwable failureOrNull) {
            writeStartedNanos = 0;
            unreserve(bytes, frames);
            failure = failureOrNull;
            if (WRITE_STATE.compareAndSet(this, IN_CALL, COMPLETED)) {
                return; // the worker is still in transport.write and goes on by itself
            }
            try {
                worker.execute(() -> OutboundQueue.this.written(failureOrNull));
            } catch (RejectedExecutionException stopped) {
                // the service is stopping; its shutdown closes the connection
            }
        }

        /** The transport threw instead of calling back: counts as a failed write, unless the callback already ran. */
        void threw(RuntimeException e) {
            if (WRITE_STATE.compareAndSet(this, IN_CALL, COMPLETED)) {
                writeStartedNanos = 0;
                unreserve(bytes, frames);
                failure = e;
            }
        }

        /** Called by the worker once transport.write returned: whether the callback already ran. */
        boolean completedDuringCall() {
            return !WRITE_STATE.compareAndSet(this, IN_CALL, RETURNED);
        }
    }
}
