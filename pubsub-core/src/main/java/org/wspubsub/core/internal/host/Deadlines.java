package org.wspubsub.core.internal.host;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.core.internal.hub.Timeouts;

/**
 * Fails futures that are not complete by their deadline with a {@link TimeoutException}, the way
 * {@link CompletableFuture#orTimeout} does, for a fraction of its cost on hot paths.
 *
 * <p>Why not {@code orTimeout}: it schedules one task per future on the JDK's delay scheduler,
 * whose thread then wakes for every deadline, also for the futures that completed long before
 * (their cancelled tasks stay queued until they are due). With every client publish and every
 * callback bounded that way, those wake-ups were 5% of a node's CPU in a profile of 5,000 client
 * publishes per second. Here each timeout length has a first-in-first-out lane (deadlines of one
 * length arrive in order), and one sweeper thread looks at the lanes' heads every tick: a due head
 * is failed, a completed one is simply dropped. A deadline fires at most one tick late. With no
 * future watched at all the sweeper parks until the next {@link #within}, so an idle service does
 * not wake every tick.
 *
 * <p>Thread-safe: {@link #within} from any thread; timed-out futures are completed on the sweeper
 * thread (as {@code orTimeout} completes them on the JDK's scheduler thread), so callers hand
 * anything slow that they chain to them on to their own executors.
 */
public final class Deadlines implements Timeouts, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Deadlines.class);

    /** One lane per timeout length (a service has two or three); copied on the rare addition. */
    private volatile Lane[] lanes = new Lane[0];
    private final long tickNanos;
    /** The monotonic clock deadlines are set and checked on, in nanoseconds. */
    private final LongSupplier clock;
    private final Thread sweeper;
    private volatile boolean closed;
    /** Set by the sweeper while it parks with every lane empty; {@link #within} then wakes it. */
    private volatile boolean idle;

    /**
     * @param threadName the sweeper thread's name
     * @param tick       how often the lanes are looked at: how late a deadline may fire at most
     */
    public Deadlines(String threadName, java.time.Duration tick) {
        this(threadName, tick, System::nanoTime);
    }

    /**
     * As {@link #Deadlines(String, java.time.Duration)}, with deadlines set and checked on {@code clock}
     * (nanoseconds, only differences matter) instead of {@link System#nanoTime}: the sweeper still
     * looks every {@code tick} of real time, but a deadline is due when {@code clock} says so.
     */
    Deadlines(String threadName, java.time.Duration tick, LongSupplier clock) {
        this.tickNanos = tick.toNanos();
        this.clock = clock;
        this.sweeper = new Thread(this::sweepUntilClosed, threadName);
        sweeper.setDaemon(true);
        sweeper.start();
    }

    /**
     * Fails {@code future} with a {@link TimeoutException} unless it completes within {@code millis}.
     *
     * @return {@code future} itself
     */
    @Override
    public <T> CompletableFuture<T> within(CompletableFuture<T> future, long millis) {
        if (future.isDone()) {
            return future;
        }
        if (closed) {
            future.completeExceptionally(new TimeoutException("the service stopped before an answer came"));
            return future;
        }
        lane(millis).entries.offer(new Entry(clock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(millis), millis, future));
        if (idle) {
            LockSupport.unpark(sweeper);
        }
        return future;
    }

    /** Stops the sweeper; futures still waiting fail at once, as their deadlines will never be watched. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sweeper);
    }

    private Lane lane(long millis) {
        for (Lane lane : lanes) {
            if (lane.millis == millis) {
                return lane;
            }
        }
        synchronized (this) {
            for (Lane lane : lanes) {
                if (lane.millis == millis) {
                    return lane;
                }
            }
            Lane added = new Lane(millis, new ConcurrentLinkedQueue<>());
            Lane[] grown = java.util.Arrays.copyOf(lanes, lanes.length + 1);
            grown[grown.length - 1] = added;
            lanes = grown;
            return added;
        }
    }

    private void sweepUntilClosed() {
        while (!closed) {
            if (nothingWatched()) {
                // idle is written before the lanes are read again and within() offers before it
                // reads idle, so either this sees the new entry or within() sees idle and unparks
                idle = true;
                if (nothingWatched() && !closed) {
                    LockSupport.park(this);
                }
                idle = false;
            } else {
                LockSupport.parkNanos(this, tickNanos);
            }
            try {
                sweep(clock.getAsLong());
            } catch (RuntimeException | Error e) {
                // CompletableFuture catches what its dependent actions throw; this is for a future
                // whose own completion throws (a subclass), which must not end the sweeper
                log.error("failing a timed-out future threw; the sweeper goes on", e);
            }
        }
        for (Lane lane : lanes) {
            Entry entry;
            while ((entry = lane.entries.poll()) != null) {
                entry.expire();
            }
        }
    }

    private boolean nothingWatched() {
        for (Lane lane : lanes) {
            if (!lane.entries.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private void sweep(long now) {
        for (Lane lane : lanes) {
            Entry head;
            while ((head = lane.entries.peek()) != null && (head.future.isDone() || head.deadlineNanos - now <= 0)) {
                lane.entries.poll();
                head.expire();
            }
        }
    }

    /** The futures watched with one timeout length, in deadline order. */
    private record Lane(long millis, ConcurrentLinkedQueue<Entry> entries) {
    }

    /** One watched future. */
    private record Entry(long deadlineNanos, long millis, CompletableFuture<?> future) {
        void expire() {
            if (!future.isDone()) {
                future.completeExceptionally(new TimeoutException("no answer within " + millis + " ms"));
            }
        }
    }
}
