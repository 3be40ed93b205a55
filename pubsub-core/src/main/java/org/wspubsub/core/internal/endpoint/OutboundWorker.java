package org.wspubsub.core.internal.endpoint;

import java.util.concurrent.RejectedExecutionException;

/**
 * The one thread that owns a set of connections' outbound queues. It runs the tasks handed to it
 * one at a time, in the order they were handed over (first in, first out). An {@link OutboundQueue}
 * touches its frames only in tasks on its worker, so the worker's order is the connection's order.
 *
 * <p>{@link FanOutWorkers} provides the real ones; tests use a worker they step by hand.
 */
public interface OutboundWorker {

    /**
     * Runs {@code task} on this worker after every task handed over before it. Any thread; never
     * blocks.
     *
     * @throws RejectedExecutionException once the worker was stopped
     */
    void execute(Runnable task);

    /**
     * Whether other tasks wait behind the one now running. Called only by tasks running on this
     * worker: a frame that arrives while more work waits joins its connection's next write instead
     * of being written alone (see {@link OutboundQueue}).
     */
    boolean hasWaitingTasks();

    /** This worker's position among its service's workers, from 0 (for grouping a delivery round). */
    int index();
}
