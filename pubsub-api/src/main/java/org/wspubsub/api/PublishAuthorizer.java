package org.wspubsub.api;

import java.util.concurrent.CompletionStage;

/**
 * Decides whether a client may publish to a concrete topic. Client publishing is denied unless the
 * host configures one of these.
 *
 * <p>Called on the service's callback executor, never on an I/O thread. {@code false}, a failed
 * stage, an exception or a timeout all mean "denied" and are logged.
 */
@FunctionalInterface
public interface PublishAuthorizer {

    CompletionStage<Boolean> authorize(String topic, Connection connection);
}
