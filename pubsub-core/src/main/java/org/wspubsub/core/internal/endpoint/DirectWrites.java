package org.wspubsub.core.internal.endpoint;

import org.wspubsub.core.internal.host.RequestThread;

/**
 * Which threads may write a frame to an idle connection themselves, instead of handing it to the
 * connection's fan-out worker: the callback pool's {@link RequestThread}s, and a container thread
 * while it handles a client's frame ({@link #beginHandlingFrame}). A write is asynchronous and never
 * blocks, so such a thread only saves the hand-off and the worker's wake-up. The host's threads, the
 * service's timers and the adapter's threads hand every frame over (the in-memory adapter delivers
 * to the other nodes on the publishing thread itself, which may then write there too).
 *
 * <p>How much a container thread writes is bounded by its callers: a delivery round writes only the
 * first part of each worker's connections this way (see {@link WriterRounds}).
 *
 * <p>Thread-safe: each thread sees only its own mark.
 */
final class DirectWrites {

    /** Set while a container thread handles a client's frame; one flag per thread, reused. */
    private static final ThreadLocal<boolean[]> HANDLING_FRAME = ThreadLocal.withInitial(() -> new boolean[1]);

    private DirectWrites() {
    }

    /** Whether the calling thread may write to an idle connection itself. */
    static boolean allowed() {
        return RequestThread.isCurrent() || HANDLING_FRAME.get()[0];
    }

    /**
     * Marks the calling container thread as handling a client's frame, until
     * {@link #endHandlingFrame}; returns what to hand that method (the mark as it was).
     */
    static boolean beginHandlingFrame() {
        boolean[] mark = HANDLING_FRAME.get();
        boolean outer = mark[0];
        mark[0] = true;
        return outer;
    }

    /** Ends what {@link #beginHandlingFrame} began, given what it returned. */
    static void endHandlingFrame(boolean outer) {
        HANDLING_FRAME.get()[0] = outer;
    }
}
