package org.wspubsub.core.internal.host;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.api.Connection;
import org.wspubsub.api.MetricsListener;
import org.wspubsub.api.adapter.AdapterState;

/**
 * Calls the host's {@link MetricsListener} on one thread of its own, in event order, so hooks never
 * run on I/O or publishing threads. With {@link MetricsListener#NONE} it does nothing at all.
 *
 * <p>Contract: events run in the order they were reported (one consumer, first in first out); at most
 * {@value #QUEUE_BOUND} wait, and an event reported beyond that is dropped and counted, with a
 * warning at the first drop and every power of two after it; a hook that throws is logged and
 * changes nothing else; {@link #shutdown} runs what was already reported (for at most two seconds).
 *
 * <p>Cost to the reporting thread: one small event object, one lock-free queue offer and a counter;
 * no lock, and no wake-up while the metrics thread is busy or dozing. The metrics thread drains
 * everything waiting, then dozes for {@value #DOZE_MILLIS} ms before it sleeps until woken, so under
 * steady traffic it wakes at most about a thousand times a second whatever the number of events,
 * and an idle service's thread sleeps.
 *
 * <p>Thread-safe: called from every thread of the service.
 */
public final class MetricsDispatcher implements MetricsListener {

    private static final Logger log = LoggerFactory.getLogger(MetricsDispatcher.class);
    static final int QUEUE_BOUND = 65_536;
    private static final long DOZE_MILLIS = 1;

    /** One reported event: a call to make on the host's listener. */
    @FunctionalInterface
    private interface Event {
        void deliverTo(MetricsListener listener);
    }

    private final MetricsListener host;
    private final int bound;
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    /** Whether the metrics thread sleeps until woken (not while it dozes): only then does a report wake it. */
    private volatile boolean sleeping;
    private volatile boolean running = true;

    /** A dispatcher whose thread is named {@code wspubsub-metrics-1}. */
    public MetricsDispatcher(MetricsListener host) {
        this(host, "wspubsub-metrics");
    }

    /** A dispatcher whose thread is named {@code threadPrefix-1}. */
    public MetricsDispatcher(MetricsListener host, String threadPrefix) {
        this(host, threadPrefix, QUEUE_BOUND, true);
    }

    /**
     * A dispatcher with its own {@code bound}; without a thread of its own when {@code ownThread} is
     * false (a test then runs the events with {@link #runWaiting}).
     */
    MetricsDispatcher(MetricsListener host, int bound, boolean ownThread) {
        this(host, "wspubsub-metrics", bound, ownThread);
    }

    private MetricsDispatcher(MetricsListener host, String threadPrefix, int bound, boolean ownThread) {
        this.host = host;
        this.bound = bound;
        if (host == MetricsListener.NONE || !ownThread) {
            this.thread = null;
        } else {
            this.thread = NamedThreads.daemon(threadPrefix).newThread(this::loop);
            this.thread.start();
        }
    }

    private void report(Event event) {
        if (host == MetricsListener.NONE) {
            return;
        }
        if (waiting.incrementAndGet() > bound || !running) {
            waiting.decrementAndGet();
            onDropped();
            return;
        }
        events.offer(event);
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    private void onDropped() {
        long n = dropped.incrementAndGet();
        if (n == 1 || Long.bitCount(n) == 1) {
            log.warn("metrics listener is too slow: {} events dropped so far; keep hooks fast and non-blocking", n);
        }
    }

    /** How many events were dropped because too many waited. */
    long dropped() {
        return dropped.get();
    }

    /** Runs every event waiting now, in order; the metrics thread's step (and a test's). */
    void runWaiting() {
        Event event;
        while ((event = events.poll()) != null) {
            waiting.decrementAndGet();
            try {
                event.deliverTo(host);
            } catch (RuntimeException | Error e) {
                log.warn("a metrics hook threw; ignoring it", e);
            }
        }
    }

    private void loop() {
        while (true) {
            runWaiting();
            if (!running) {
                runWaiting();
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(DOZE_MILLIS));
            if (events.isEmpty() && running) {
                sleeping = true;
                if (events.isEmpty() && running) {
                    LockSupport.park(this);
                }
                sleeping = false;
            }
        }
    }

    /** Stops the metrics thread after the events already reported ran (waiting at most 2 s); later events are dropped. */
    public void shutdown() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void onConnection(Connection c) {
        report(l -> l.onConnection(c));
    }

    @Override
    public void onAuthSuccess(Connection c) {
        report(l -> l.onAuthSuccess(c));
    }

    @Override
    public void onAuthFailure(String remoteAddress, String reason) {
        report(l -> l.onAuthFailure(remoteAddress, reason));
    }

    @Override
    public void onHandshakeRefused(String remoteAddress, int httpStatus, String reason) {
        report(l -> l.onHandshakeRefused(remoteAddress, httpStatus, reason));
    }

    @Override
    public void onDisconnect(Connection c, int closeCode, String reason) {
        report(l -> l.onDisconnect(c, closeCode, reason));
    }

    @Override
    public void onMessage(Connection c, String type) {
        report(l -> l.onMessage(c, type));
    }

    @Override
    public void onPublish(String topic, boolean fromThisNode) {
        report(l -> l.onPublish(topic, fromThisNode));
    }

    @Override
    public void onDeliver(String topic, int connections) {
        report(l -> l.onDeliver(topic, connections));
    }

    @Override
    public void onSubscribe(Connection c, String topic) {
        report(l -> l.onSubscribe(c, topic));
    }

    @Override
    public void onUnsubscribe(Connection c, String topic) {
        report(l -> l.onUnsubscribe(c, topic));
    }

    @Override
    public void onSlowConsumer(Connection c, long pendingBytes) {
        report(l -> l.onSlowConsumer(c, pendingBytes));
    }

    @Override
    public void onError(Connection c, String code) {
        report(l -> l.onError(c, code));
    }

    @Override
    public void onCallbackFailure(String callback, Throwable error) {
        report(l -> l.onCallbackFailure(callback, error));
    }

    @Override
    public void onAdapterError(String description, Throwable error) {
        report(l -> l.onAdapterError(description, error));
    }

    @Override
    public void onAdapterStateChange(AdapterState previous, AdapterState current) {
        report(l -> l.onAdapterStateChange(previous, current));
    }
}
