package org.wspubsub.core.internal.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.api.Topics;
import org.wspubsub.core.internal.hub.Publisher;
import org.wspubsub.core.internal.protocol.ClientFrame;
import org.wspubsub.core.internal.protocol.ErrorCode;
import org.wspubsub.core.internal.protocol.MessageTypes;

/**
 * {@code {"type":"publish","topic":…,"event":…,"data":…}}: denied unless the host's
 * {@code authorizePublish} allows it; delivered with {@code from}.
 *
 * <p>Thread-safe and stateless; runs in a connection's request order.
 */
final class ClientPublishRequests {

    private static final Logger log = LoggerFactory.getLogger(ClientPublishRequests.class);

    private final EndpointRuntime runtime;
    private final Publisher publisher;

    ClientPublishRequests(EndpointRuntime runtime, Publisher publisher) {
        this.runtime = runtime;
        this.publisher = publisher;
    }

    CompletionStage<Void> publish(ClientConnection connection, ClientFrame frame) {
        JsonNode id = frame.id();
        String topic = frame.requiredString("topic");
        Optional<String> event = frame.optionalString("event");
        JsonNode data = frame.field("data") == null ? NullNode.getInstance() : frame.field("data");
        Optional<String> problem = Topics.checkTopic(topic);
        if (problem.isPresent()) {
            connection.sendError(ErrorCode.INVALID_TOPIC, problem.get(), id, topic);
            return CompletableFuture.completedFuture(null);
        }
        if (event.isPresent() && MessageTypes.RESERVED.contains(event.get())) {
            connection.sendError(ErrorCode.BAD_REQUEST, "event '" + event.get() + "' is a reserved type", id, topic);
            return CompletableFuture.completedFuture(null);
        }
        if (!runtime.callbacks().hasPublishAuthorizer()) {
            connection.sendError(ErrorCode.FORBIDDEN, "client publishing is disabled on this server", id, topic);
            return CompletableFuture.completedFuture(null);
        }
        return runtime.callbacks().authorizePublish(topic, connection).thenCompose(allowed -> {
            if (!allowed) {
                connection.sendError(ErrorCode.FORBIDDEN, "not allowed to publish", id, topic);
                return CompletableFuture.<Void>completedFuture(null);
            }
            byte[] payload = runtime.encoder().encodeClientMessage(topic, event.orElse(null), data,
                    connection.userId().orElse(null));
            return publisher.publish(topic, payload).handle((ok, error) -> {
                if (error == null) {
                    connection.send(runtime.frames().published(id));
                } else {
                    log.warn("connection={} publish topic={} reached this node only: {}", connection.id(), topic,
                            error.getMessage());
                    connection.sendError(ErrorCode.INTERNAL_ERROR,
                            "published on this node only: the broker is unavailable", id, topic);
                }
                return null;
            });
        }).exceptionally(error -> {
            connection.sendError(ErrorCode.INTERNAL_ERROR, "could not publish (authorization failed); try again later",
                    id, topic);
            return null;
        });
    }
}
