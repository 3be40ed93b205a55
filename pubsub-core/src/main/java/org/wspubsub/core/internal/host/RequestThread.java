package org.wspubsub.core.internal.host;

/**
 * A thread of the service's callback pool. It runs the host's callbacks and the part of each
 * client request that follows them (a publish's local delivery, the reply), so it is neither an
 * I/O thread nor the host's: work on it may write straight to a socket whose queue is idle rather
 * than hand the write to a fan-out worker, which saves a thread hand-off per reply and for the
 * first deliveries of a publication (see the endpoint's {@code DirectWrites}).
 *
 * <p>Created by {@link #factory}; {@link #isCurrent} from any thread.
 */
public final class RequestThread extends Thread {

    private RequestThread(Runnable task, String name) {
        super(task, name);
        setDaemon(true);
    }

    /** Whether the calling thread is one of the callback pool's threads. */
    public static boolean isCurrent() {
        return Thread.currentThread() instanceof RequestThread;
    }

    /** Daemon request threads named {@code prefix-1}, {@code prefix-2}, … */
    public static java.util.concurrent.ThreadFactory factory(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return task -> new RequestThread(task, prefix + "-" + n.incrementAndGet());
    }
}
