package org.wspubsub.core.internal.endpoint;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that write to sockets. Each worker has a lock-free inbox and is woken only when it
 * sleeps, so a publication for a thousand connections costs a thousand inbox offers and at most
 * one wake-up per worker, not a thousand task hand-offs. A connection is always drained by the
 * same worker ({@link #pick()} once per connection), which spreads connections over the workers.
 *
 * <p>Thread-safe: {@link #execute} from any thread.
 */
public final class FanOutWorkers {

    private static final Logger log = LoggerFactory.getLogger(FanOutWorkers.class);

    private final Worker[] workers;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean running = true;

    public FanOutWorkers(int threads, String prefix) {
        workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(prefix + "-" + (i + 1));
            workers[i].start();
        }
    }

    /** How many workers there are; worker indexes run from 0 to {@code size() - 1}. */
    public int size() {
        return workers.length;
    }

    /** The worker index for a new connection (round robin). */
    public int pick() {
        return Math.floorMod(next.getAndIncrement(), workers.length);
    }

    /** Whether tasks are waiting in worker {@code index}'s inbox (it is behind); a hint, read without locking. */
    public boolean hasBacklog(int index) {
        return !workers[index].inbox.isEmpty();
    }

    /**
     * The task most recently handed to worker {@code index} (still waiting, running or done), or
     * null; a hint, read without locking.
     */
    public Runnable lastTask(int index) {
        return workers[index].last;
    }

    /**
     * Runs {@code task} on worker {@code index}, after what is already in its inbox.
     *
     * @throws RejectedExecutionException after {@link #shutdown()}
     */
    public void execute(int index, Runnable task) {
        if (!running) {
            throw new RejectedExecutionException("the fan-out workers are stopped");
        }
        workers[index].submit(task);
    }

    /** Stops the workers once their inboxes are empty, waiting up to {@code millis}. */
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

    private final class Worker extends Thread {
        private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
        /** The latest task submitted, set before it is offered (see {@link #lastTask}). */
        private volatile Runnable last;
        private volatile boolean sleeping;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void submit(Runnable task) {
            last = task;
            inbox.offer(task);
            if (sleeping) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                Runnable task = inbox.poll();
                if (task != null) {
                    try {
                        task.run();
                    } catch (RuntimeException | Error e) {
                        log.error("a fan-out task failed", e);
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
