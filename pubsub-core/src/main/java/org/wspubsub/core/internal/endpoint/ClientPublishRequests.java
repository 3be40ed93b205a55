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
import org.wspubsub.core.internal.host.HostCallbacks;
import org.wspubsub.core.internal.protocol.ClientFrame;
import org.wspubsub.core.internal.protocol.ErrorCode;
import org.wspubsub.core.internal.protocol.MessageTypes;

/**
 * {@code {"type":"publish","topic":…,"event":…,"data":…}}: denied unless the host's
 * {@code authorizePublish} allows it; delivered with {@code from}. Consecutive publishes of one
 * connection overlap their broker round trips; their replies still come in request order.
 *
 * <p>Thread-safe and stateless; runs in a connection's request order.
 */
final class ClientPublishRequests {

    private static final Logger log = LoggerFactory.getLogger(ClientPublishRequests.class);

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final EndpointRuntime runtime;
    private final Publisher publisher;

    ClientPublishRequests(EndpointRuntime runtime, Publisher publisher) {
        this.runtime = runtime;
        this.publisher = publisher;
    }

    /**
     * Handles one publish. The returned stage ends once the publication was delivered locally and
     * handed to the adapter, so the connection's next publish can go to the broker without waiting
     * for this one's answer; every reply goes through {@link ClientConnection#replyToPublish}, which
     * keeps replies in request order.
     */
    CompletionStage<Void> publish(ClientConnection connection, ClientFrame frame) {
        JsonNode id = frame.id();
        String topic = frame.requiredString("topic");
        Optional<String> event = frame.optionalString("event");
        JsonNode data = frame.field("data") == null ? NullNode.getInstance() : frame.field("data");
        Optional<String> problem = Topics.checkTopic(topic);
        if (problem.isPresent()) {
            return refuse(connection, ErrorCode.INVALID_TOPIC, problem.get(), id, topic);
        }
        if (event.isPresent() && MessageTypes.RESERVED.contains(event.get())) {
            return refuse(connection, ErrorCode.BAD_REQUEST, "event '" + event.get() + "' is a reserved type", id, topic);
        }
        if (!runtime.callbacks().hasPublishAuthorizer()) {
            return refuse(connection, ErrorCode.FORBIDDEN, "client publishing is disabled on this server", id, topic);
        }
        return runtime.callbacks().authorizePublish(topic, connection).thenAccept(allowed -> {
            if (!allowed) {
                refuse(connection, ErrorCode.FORBIDDEN, "not allowed to publish", id, topic);
                return;
            }
            byte[] payload = runtime.encoder().encodeClientMessage(topic, event.orElse(null), data,
                    connection.userId().orElse(null));
            connection.replyToPublish(publisher.publish(topic, payload), error -> {
                if (error == null) {
                    connection.send(runtime.frames().published(id));
                    return;
                }
                log.warn("connection={} publish topic={} reached this node only: {}", connection.id(), topic,
                        error.getMessage());
                connection.sendError(ErrorCode.INTERNAL_ERROR,
                        "published on this node only: the broker is unavailable", id, topic);
            });
        }).exceptionally(error -> {
            if (HostCallbacks.isRejected(error)) {
                refuse(connection, ErrorCode.RATE_LIMITED, "the server is busy; try this publish again later", id, topic);
                return null;
            }
            refuse(connection, ErrorCode.INTERNAL_ERROR, "could not publish (authorization failed); try again later",
                    id, topic);
            return null;
        });
    }

    /** Answers with an error, in turn after the replies still owed to earlier publishes. */
    private CompletionStage<Void> refuse(ClientConnection connection, ErrorCode code, String message, JsonNode id,
                                         String topic) {
        connection.replyToPublish(DONE, ignored -> connection.sendError(code, message, id, topic));
        return DONE;
    }
}
