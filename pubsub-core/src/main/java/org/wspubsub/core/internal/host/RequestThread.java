package org.wspubsub.core.internal.host;

/**
 * A thread of the service's callback pool. It runs the host's callbacks and the steps of each
 * client request that follow them (a publish's local delivery, the reply, the next request of the
 * connection's line). It is neither an I/O thread nor the host's nor the adapter's, so a request
 * step found already running on one continues there without another hand-off
 * ({@link HostCallbacks#call}, {@link HostCallbacks#continueRequest}).
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
