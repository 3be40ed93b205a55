package org.wspubsub.benchmarks.load;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** What the subscribers of one run saw: deliveries, duplicates, reordering and latency. Thread-safe. */
final class Stats {

    final LongAdder received = new LongAdder();
    final LongAdder duplicatesOrReordered = new LongAdder();
    final LongAdder errors = new LongAdder();
    private final Recorder latency = new Recorder(3);
    /** Per-publication first and last deliveries, or null when not traced ({@code --bursts true}). */
    final Bursts bursts;

    Stats() {
        this(false);
    }

    Stats(boolean traceBursts) {
        bursts = traceBursts ? new Bursts() : null;
    }

    void record(long seq, long latencyNanos) {
        received.increment();
        latency.recordValue(Math.max(0, latencyNanos));
        if (bursts != null) {
            bursts.record(seq, latencyNanos);
        }
    }

    /** The latencies recorded since the last call. */
    Histogram takeLatencies() {
        return latency.getIntervalHistogram();
    }
}
