package org.wspubsub.core.internal.endpoint;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.wspubsub.core.internal.hub.Publisher;
import org.wspubsub.core.internal.protocol.ClientFrame;
import org.wspubsub.core.internal.protocol.ErrorCode;
import org.wspubsub.core.internal.protocol.MessageTypes;
import org.wspubsub.core.internal.protocol.ParsedFrame;

/**
 * Parses one client frame and routes it to the handler for its {@code type}; answers malformed
 * frames with {@code bad_request}, unknown types with {@code unknown_type}, and requests of
 * unauthenticated connections (when authentication is required) with {@code unauthorized}.
 *
 * <p>Thread-safe and stateless; called for one connection at a time per that connection's
 * request order.
 */
public final class RequestDispatcher {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final EndpointRuntime runtime;
    private final Authentication authentication;
    private final SubscriptionRequests subscriptions;
    private final ClientPublishRequests publishes;

    public RequestDispatcher(EndpointRuntime runtime, Authentication authentication, Publisher publisher) {
        this.runtime = runtime;
        this.authentication = authentication;
        this.subscriptions = new SubscriptionRequests(runtime);
        this.publishes = new ClientPublishRequests(runtime, publisher);
    }

    /**
     * Handles one text frame; the stage completes when the request has been answered, or, for a
     * publish, once its publication was handed to the broker (its reply follows in turn). A request
     * other than a publish first waits until every earlier publish was replied to, so that replies
     * keep request order.
     */
    CompletionStage<Void> handle(ClientConnection connection, String text) {
        ParsedFrame parsed = runtime.codec().parse(text);
        boolean publish = parsed instanceof ParsedFrame.Ok ok && MessageTypes.PUBLISH.equals(ok.frame().type());
        CompletableFuture<Void> earlierPublishes = publish ? null : connection.unansweredPublishes();
        if (earlierPublishes != null) {
            return earlierPublishes.thenCompose(ignored -> handle(connection, parsed));
        }
        return handle(connection, parsed);
    }

    private CompletionStage<Void> handle(ClientConnection connection, ParsedFrame parsed) {
        if (parsed instanceof ParsedFrame.Bad bad) {
            runtime.metrics().onMessage(connection, "invalid");
            connection.sendError(ErrorCode.BAD_REQUEST, bad.reason(), bad.id(), null);
            return DONE;
        }
        ClientFrame frame = ((ParsedFrame.Ok) parsed).frame();
        String type = frame.type();
        runtime.metrics().onMessage(connection, MessageTypes.CLIENT_REQUESTS.contains(type) ? type : "unknown");
        if (runtime.config().requireAuthentication() && !connection.isAuthenticated()
                && !type.equals(MessageTypes.AUTH) && !type.equals(MessageTypes.PING)) {
            connection.sendError(ErrorCode.UNAUTHORIZED, "authenticate first: send {\"type\":\"auth\",\"token\":…}",
                    frame.id(), null);
            return DONE;
        }
        try {
            switch (type) {
                case MessageTypes.AUTH:
                    return authentication.onAuthFrame(connection, frame);
                case MessageTypes.SUBSCRIBE:
                    return subscriptions.subscribe(connection, frame);
                case MessageTypes.UNSUBSCRIBE:
                    return subscriptions.unsubscribe(connection, frame);
                case MessageTypes.PUBLISH:
                    return publishes.publish(connection, frame);
                case MessageTypes.PING:
                    connection.send(runtime.frames().pong(frame.id()));
                    return DONE;
                default:
                    connection.sendError(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + abbreviate(type) + "'",
                            frame.id(), null);
                    return DONE;
            }
        } catch (ClientFrame.BadFieldException e) {
            // in turn after what earlier publishes are still owed (a bad publish skips no line)
            connection.replyToPublish(DONE, ignored ->
                    connection.sendError(ErrorCode.BAD_REQUEST, e.getMessage(), frame.id(), null));
            return DONE;
        }
    }

    private static String abbreviate(String type) {
        return type.length() <= 64 ? type : type.substring(0, 64) + "…";
    }
}
