package org.wspubsub.core.internal.hub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Bounds the wait for a future: what the hub needs from the service's timer to bound its wait for
 * the broker, without knowing who keeps the time. Implementations are thread-safe.
 */
public interface Timeouts {

    /**
     * Fails {@code future} with a {@link TimeoutException} unless it completes within {@code millis};
     * the failure may be completed on the implementation's own thread.
     *
     * @return {@code future} itself
     */
    <T> CompletableFuture<T> within(CompletableFuture<T> future, long millis);
}
