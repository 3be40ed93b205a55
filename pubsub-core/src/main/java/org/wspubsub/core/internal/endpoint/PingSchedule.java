package org.wspubsub.core.internal.endpoint;

import java.util.random.RandomGenerator;

/**
 * One connection's ping schedule on the monotonic clock: the first ping falls at a random point in
 * the second half of the first interval after the connection opened, so connections that arrived
 * together (a reconnect storm after a restart) are not all pinged, and do not all answer, in the
 * same instant; then one ping every interval, counted from when the previous one was due (a sweep
 * that runs a little late does not push the schedule back). A sweep that fell more than an interval
 * behind gets one ping and the schedule restarts from it: never pings back to back.
 *
 * <p>Only the liveness monitor's sweep (the timer thread) calls {@link #due}; not thread-safe.
 */
final class PingSchedule {

    private final long startNanos;
    /** When the next ping is due; 0 until {@link #due} first looks. */
    private long nextNanos;

    /** A schedule for a connection opened at {@code startNanos} ({@link System#nanoTime}'s clock). */
    PingSchedule(long startNanos) {
        this.startNanos = startNanos;
    }

    /**
     * Whether a ping is due at {@code now}, moving the schedule on when it is.
     *
     * @param intervalNanos the ping interval, the same at every call
     * @param random        draws the first ping's point in the second half of the first interval
     */
    boolean due(long now, long intervalNanos, RandomGenerator random) {
        if (nextNanos == 0) {
            long first = intervalNanos / 2 + random.nextLong(intervalNanos / 2 + 1);
            nextNanos = (startNanos + first) | 1; // never 0, which means "not scheduled yet"
        }
        if (now - nextNanos < 0) {
            return false;
        }
        nextNanos += intervalNanos;
        if (now - nextNanos >= 0) {
            nextNanos = now + intervalNanos; // the timer fell behind: no back-to-back pings
        }
        return true;
    }
}
