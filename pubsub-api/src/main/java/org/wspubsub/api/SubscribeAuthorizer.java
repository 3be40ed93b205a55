package org.wspubsub.api;

import java.util.concurrent.CompletionStage;

/**
 * Decides whether a connection may subscribe to a topic or pattern.
 *
 * <p>Receives the pattern exactly as the client sent it ({@code room.*}, {@code user.>}): an
 * authorizer that allows a wildcard allows everything it matches. Called on the service's callback
 * executor, never on an I/O thread, once per requested topic. {@code false}, a failed stage, an
 * exception or a timeout all mean "denied" and are logged. {@link #ALLOW_ALL} is the exception: the
 * service knows its answer and never calls it.
 */
@FunctionalInterface
public interface SubscribeAuthorizer {

    /**
     * Always allows: the default when the host configures none. The service recognizes this
     * instance and grants the subscription on the thread that read the frame, without the hand-off
     * to the callback executor that a host authorizer costs. An authorizer of the host's own that
     * always answers {@code true} is called like any other.
     */
    SubscribeAuthorizer ALLOW_ALL = (topic, connection) -> java.util.concurrent.CompletableFuture.completedFuture(true);

    CompletionStage<Boolean> authorize(String topic, Connection connection);
}
