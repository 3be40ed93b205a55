package org.wspubsub.api;

import java.util.concurrent.CompletionStage;

/**
 * Decides whether a client may publish to a concrete topic. Client publishing is denied unless the
 * host configures one of these.
 *
 * <p>Called on the service's callback executor, never on an I/O thread. {@code false}, a failed
 * stage, an exception or a timeout all mean "denied" and are logged. {@link #ALLOW_ALL} is the
 * exception: the service knows its answer and never calls it.
 */
@FunctionalInterface
public interface PublishAuthorizer {

    /**
     * Allows every client publish. The service recognizes this instance and lets the publish
     * through on the thread that read the frame, without the hand-off to the callback executor that
     * a host authorizer costs (about 0.2 ms of latency and a thread wake-up per publish, measured in
     * {@code docs/performance.md}). An authorizer of the host's own that always answers
     * {@code true} is called like any other.
     */
    PublishAuthorizer ALLOW_ALL = (topic, connection) -> java.util.concurrent.CompletableFuture.completedFuture(true);

    CompletionStage<Boolean> authorize(String topic, Connection connection);
}
