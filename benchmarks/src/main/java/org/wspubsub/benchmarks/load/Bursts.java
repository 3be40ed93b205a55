package org.wspubsub.benchmarks.load;

import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * Per publication ("burst"), the latency of its first and of its last delivery over all
 * subscribers: what a fixed-load p99 is made of. The first delivery's latency is the server's
 * pipeline from reading the publish to its first write (plus the network and one client read);
 * the spread from first to last is how long the server and the clients take to get the frame to
 * every subscriber.
 *
 * <p>Thread-safe: {@link #record} from the clients' event loops; {@link #summary} once they are done.
 */
final class Bursts {

    /** Publications tracked: sequence numbers at or above this are not recorded. */
    static final int CAPACITY = 1 << 17;

    private final AtomicLongArray first = new AtomicLongArray(CAPACITY);
    private final AtomicLongArray last = new AtomicLongArray(CAPACITY);

    Bursts() {
        for (int i = 0; i < CAPACITY; i++) {
            first.set(i, Long.MAX_VALUE);
            last.set(i, Long.MIN_VALUE);
        }
    }

    /** One delivery of publication {@code seq}, {@code latencyNanos} after it was sent. */
    void record(long seq, long latencyNanos) {
        if (seq < 0 || seq >= CAPACITY) {
            return;
        }
        int i = (int) seq;
        long seen;
        while (latencyNanos < (seen = first.get(i)) && !first.compareAndSet(i, seen, latencyNanos)) {
            // another subscriber's delivery won the race; look again
        }
        while (latencyNanos > (seen = last.get(i)) && !last.compareAndSet(i, seen, latencyNanos)) {
            // as above
        }
    }

    /**
     * The first-delivery, last-delivery and spread latencies of publications {@code from} (inclusive)
     * to {@code to} (exclusive) that were delivered at least once, as p50 / p99 / max in milliseconds.
     */
    String summary(long from, long to) {
        Histogram firsts = new Histogram(3);
        Histogram lasts = new Histogram(3);
        Histogram spreads = new Histogram(3);
        for (long seq = Math.max(0, from); seq < Math.min(to, CAPACITY); seq++) {
            long f = first.get((int) seq);
            long l = last.get((int) seq);
            if (f == Long.MAX_VALUE) {
                continue;
            }
            firsts.recordValue(Math.max(0, f));
            lasts.recordValue(Math.max(0, l));
            spreads.recordValue(Math.max(0, l - f));
        }
        return String.format("%d bursts; first delivery %s; last delivery %s; spread %s", firsts.getTotalCount(),
                percentiles(firsts), percentiles(lasts), percentiles(spreads));
    }

    private static String percentiles(Histogram h) {
        return String.format("p50 %.2f / p99 %.2f / max %.2f ms", h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }
}
