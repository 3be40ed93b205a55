package org.wspubsub.core.internal.endpoint;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.core.internal.protocol.CloseCodes;

/**
 * Keeps connections alive and honest, in one sweep over the open connections every {@link #tickMillis}:
 * <ul>
 *   <li>sends each connection a WebSocket ping every {@code pingInterval}, on the connection's own
 *       schedule: its first ping comes at a random point in the second half of its first interval,
 *       so connections that arrived together (a reconnect storm after a restart) are not all pinged,
 *       and do not all answer, in the same instant;</li>
 *   <li>closes with {@code 4000} a connection from which nothing (a pong or any frame) arrived
 *       within {@code pingTimeout} after its ping;</li>
 *   <li>closes with {@code 4001} a connection whose write has stayed unfinished longer than
 *       {@code sendTimeout}.</li>
 * </ul>
 * The container's own idle timeout is not used: it restarts on outgoing traffic too. A sweep only
 * reads a few fields per connection; pings are the only writes it starts.
 *
 * <p>Runs on the service's timer thread. Thread-safe.
 */
public final class LivenessMonitor {

    private static final Logger log = LoggerFactory.getLogger(LivenessMonitor.class);

    private final EndpointRuntime runtime;
    private final long intervalNanos;
    private final long pingTimeoutNanos;
    private final long sendTimeoutNanos;
    private volatile ScheduledFuture<?> task;

    public LivenessMonitor(EndpointRuntime runtime) {
        this.runtime = runtime;
        this.intervalNanos = runtime.config().pingInterval().toNanos();
        this.pingTimeoutNanos = runtime.config().pingTimeout().toNanos();
        this.sendTimeoutNanos = runtime.config().sendTimeout().toNanos();
    }

    /**
     * How often the sweep runs: a quarter of the shortest of the ping interval and timeout (half
     * the send timeout), between 10 ms and 1 s, so every deadline is kept within a small fraction.
     */
    long tickMillis() {
        long shortest = Math.min(Math.min(intervalNanos, pingTimeoutNanos) / 4, sendTimeoutNanos / 2);
        return Math.max(10, Math.min(1_000, TimeUnit.NANOSECONDS.toMillis(shortest)));
    }

    public void start() {
        long tick = tickMillis();
        task = runtime.timer().scheduleAtFixedRate(this::sweep, tick, tick, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (ClientConnection connection : runtime.registry().snapshot()) {
            try {
                check(connection, now);
            } catch (RejectedExecutionException stopped) {
                return; // the service is stopping
            } catch (RuntimeException e) {
                log.error("liveness check failed for connection={}", connection.id(), e);
            }
        }
    }

    private void check(ClientConnection connection, long now) {
        if (connection.isClosing()) {
            return;
        }
        long stalled = connection.writeStalledNanos(now);
        if (stalled >= sendTimeoutNanos) {
            connection.sendTimedOut(stalled);
            return;
        }
        long unansweredSince = connection.unansweredPingSinceNanos();
        if (unansweredSince != 0 && now - unansweredSince >= pingTimeoutNanos) {
            log.debug("connection={} answered no ping within {} ms; closing with 4000", connection.id(),
                    pingTimeoutNanos / 1_000_000);
            connection.close(CloseCodes.PING_TIMEOUT, "ping timeout");
            return;
        }
        if (connection.pingDue(now, intervalNanos)) {
            connection.ping();
        }
    }
}
