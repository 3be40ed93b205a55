package org.wspubsub.core.internal.endpoint;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that write to sockets: a fixed set of {@link OutboundWorker}s. Each has a lock-free
 * inbox and is woken only when it sleeps, so handing it a task costs one queue offer and, at most,
 * one unpark. A connection keeps the worker {@link #pick()} gave it for its whole life, which
 * spreads connections over the workers.
 *
 * <p>Thread-safe: {@link #pick}, {@link OutboundWorker#execute} and {@link #shutdown} from any thread.
 * A task that throws is logged and the worker goes on with the next one.
 */
public final class FanOutWorkers {

    private static final Logger log = LoggerFactory.getLogger(FanOutWorkers.class);

    private final Worker[] workers;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean running = true;

    public FanOutWorkers(int threads, String prefix) {
        workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(i, prefix + "-" + (i + 1));
            workers[i].start();
        }
    }

    /** How many workers there are; their {@link OutboundWorker#index() indexes} run from 0 to {@code size() - 1}. */
    public int size() {
        return workers.length;
    }

    /** The worker for a new connection (round robin). */
    public OutboundWorker pick() {
        return workers[Math.floorMod(next.getAndIncrement(), workers.length)];
    }

    /** Stops the workers once their inboxes are empty, waiting up to {@code millis}; later tasks are refused. */
    public void shutdown(long millis) {
        running = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Worker worker : workers) {
            LockSupport.unpark(worker);
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Worker extends Thread implements OutboundWorker {
        private final int index;
        private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
        private volatile boolean sleeping;

        Worker(int index, String name) {
            super(name);
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void execute(Runnable task) {
            if (!running) {
                throw new RejectedExecutionException("the fan-out workers are stopped");
            }
            inbox.offer(task);
            if (sleeping) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public boolean hasWaitingTasks() {
            return !inbox.isEmpty();
        }

        @Override
        public int index() {
            return index;
        }

        @Override
        public void run() {
            while (true) {
                Runnable task = inbox.poll();
                if (task != null) {
                    try {
                        task.run();
                    } catch (RuntimeException | Error e) {
                        log.error("a fan-out task failed; the worker goes on", e);
                    }
                    continue;
                }
                if (!running) {
                    return;
                }
                sleeping = true;
                if (inbox.isEmpty() && running) {
                    LockSupport.park(this);
                }
                sleeping = false;
            }
        }
    }
}
