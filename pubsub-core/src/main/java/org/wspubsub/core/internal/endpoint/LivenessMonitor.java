package org.wspubsub.core.internal.endpoint;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.core.internal.protocol.CloseCodes;

/**
 * Sends a WebSocket ping to every connection each {@code pingInterval} and closes with
 * {@code 4000} any connection from which nothing (a pong or any frame) arrived within
 * {@code pingTimeout} after its ping; and closes with {@code 4001} any connection whose write has
 * stayed unfinished longer than {@code sendTimeout}. The container's own idle timeout is not used: it restarts
 * on outgoing traffic too.
 *
 * <p>Runs on the service's timer thread. Thread-safe.
 */
public final class LivenessMonitor {

    private static final Logger log = LoggerFactory.getLogger(LivenessMonitor.class);

    private final EndpointRuntime runtime;
    private volatile ScheduledFuture<?> task;
    private volatile ScheduledFuture<?> sendCheck;

    public LivenessMonitor(EndpointRuntime runtime) {
        this.runtime = runtime;
    }

    public void start() {
        long interval = runtime.config().pingInterval().toMillis();
        task = runtime.timer().scheduleAtFixedRate(this::pingAll, interval, interval, TimeUnit.MILLISECONDS);
        long check = Math.max(100, Math.min(1_000, runtime.config().sendTimeout().toMillis() / 2));
        sendCheck = runtime.timer().scheduleAtFixedRate(this::closeStalled, check, check, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
        ScheduledFuture<?> s = sendCheck;
        if (s != null) {
            s.cancel(false);
        }
    }

    private void pingAll() {
        try {
            closeSilent();
            for (ClientConnection connection : runtime.registry().snapshot()) {
                if (!connection.isClosing()) {
                    connection.ping();
                }
            }
            long timeout = runtime.config().pingTimeout().toMillis();
            runtime.timer().schedule(this::closeSilent, timeout, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // the service is stopping
        } catch (RuntimeException e) {
            log.error("ping round failed", e);
        }
    }

    /** Closes every connection whose write in flight is older than sendTimeout (4001). */
    private void closeStalled() {
        try {
            long now = System.nanoTime();
            long timeout = runtime.config().sendTimeout().toNanos();
            for (ClientConnection connection : runtime.registry().snapshot()) {
                long stalled = connection.writeStalledNanos(now);
                if (stalled >= timeout && !connection.isClosing()) {
                    connection.sendTimedOut(stalled);
                }
            }
        } catch (RuntimeException e) {
            log.error("send timeout check failed", e);
        }
    }

    /** Closes every connection whose oldest unanswered ping is older than pingTimeout. */
    private void closeSilent() {
        long now = System.nanoTime();
        long timeoutNanos = runtime.config().pingTimeout().toNanos();
        for (ClientConnection connection : runtime.registry().snapshot()) {
            long since = connection.unansweredPingSinceNanos();
            if (since != 0 && now - since >= timeoutNanos - 5_000_000L && !connection.isClosing()) {
                log.debug("connection={} answered no ping within {} ms; closing with 4000", connection.id(),
                        timeoutNanos / 1_000_000);
                connection.close(CloseCodes.PING_TIMEOUT, "ping timeout");
            }
        }
    }
}
