package org.wspubsub.core.internal.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.wspubsub.api.Topics;
import org.wspubsub.core.internal.host.HostCallbacks;
import org.wspubsub.core.internal.protocol.ClientFrame;
import org.wspubsub.core.internal.protocol.ErrorCode;

/**
 * {@code subscribe} and {@code unsubscribe}. Each topic of a subscribe is judged on its own
 * (invalid, forbidden, authorizer failure, over the per-connection limit); the reply lists only
 * the granted topics and is sent once the broker has the node's interest in them, so a client
 * that got {@code subscribed} receives every later publication from every node.
 *
 * <p>Thread-safe and stateless; runs in a connection's request order, on the thread that read the
 * frame or a callback thread, and from there on whichever thread answers: a host authorizer's
 * callback thread, or the adapter's when the node's first subscriber to a topic waits for the broker
 * (with {@link org.wspubsub.api.SubscribeAuthorizer#ALLOW_ALL} a subscribe may be granted entirely on
 * the reading thread; nothing it does there blocks).
 */
final class SubscriptionRequests {

    private final EndpointRuntime runtime;

    SubscriptionRequests(EndpointRuntime runtime) {
        this.runtime = runtime;
    }

    CompletionStage<Void> subscribe(ClientConnection connection, ClientFrame frame) {
        JsonNode id = frame.id();
        List<String> requested = topicsOf(frame);
        int limit = runtime.config().maxSubscriptionsPerConnection();
        if (requested.size() > limit) {
            connection.sendError(ErrorCode.LIMIT_EXCEEDED, "a connection may hold at most " + limit
                    + " subscriptions; this request names " + requested.size(), id, null);
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Verdict>> verdicts = new ArrayList<>(requested.size());
        for (String topic : requested) {
            verdicts.add(judge(connection, topic));
        }
        return CompletableFuture.allOf(verdicts.toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> grant(connection, id, requested, verdicts));
    }

    private CompletableFuture<Verdict> judge(ClientConnection connection, String topic) {
        Optional<String> problem = Topics.checkPattern(topic);
        if (problem.isPresent()) {
            return CompletableFuture.completedFuture(new Verdict(ErrorCode.INVALID_TOPIC, problem.get()));
        }
        if (connection.subscriptionSet().contains(topic)) {
            return CompletableFuture.completedFuture(Verdict.GRANTED);
        }
        return runtime.callbacks().authorizeSubscribe(topic, connection).handle((allowed, error) -> {
            if (HostCallbacks.isRejected(error)) {
                return Verdict.BUSY;
            }
            if (error != null) {
                return new Verdict(ErrorCode.INTERNAL_ERROR, "authorization failed; try again later");
            }
            return allowed ? Verdict.GRANTED : new Verdict(ErrorCode.FORBIDDEN, "not allowed to subscribe");
        });
    }

    private CompletionStage<Void> grant(ClientConnection connection, JsonNode id, List<String> requested,
                                        List<CompletableFuture<Verdict>> verdicts) {
        for (CompletableFuture<Verdict> verdict : verdicts) {
            if (verdict.join() == Verdict.BUSY) {
                // not judged: the request as a whole is not carried out, and the client may retry it
                connection.sendError(ErrorCode.RATE_LIMITED, "the server is busy; try this subscribe again later",
                        id, null);
                return CompletableFuture.completedFuture(null);
            }
        }
        SubscriptionSet subscriptions = connection.subscriptionSet();
        int limit = runtime.config().maxSubscriptionsPerConnection();
        List<String> granted = new ArrayList<>(requested.size());
        List<CompletableFuture<Void>> brokerAcks = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String topic = requested.get(i);
            Verdict verdict = verdicts.get(i).join();
            if (verdict.code != null) {
                connection.sendError(verdict.code, verdict.message, id, topic);
            } else if (subscriptions.contains(topic)) {
                granted.add(topic);
            } else if (subscriptions.size() >= limit) {
                connection.sendError(ErrorCode.LIMIT_EXCEEDED,
                        "a connection may hold at most " + limit + " subscriptions", id, topic);
            } else if (!connection.isClosing()) {
                subscriptions.add(topic);
                brokerAcks.add(runtime.hub().subscribe(topic, connection).toCompletableFuture());
                if (connection.isClosing()) {
                    // the connection closed meanwhile: its cleanup may have run before this add
                    subscriptions.remove(topic);
                    runtime.hub().unsubscribe(topic, connection);
                    continue;
                }
                granted.add(topic);
                runtime.metrics().onSubscribe(connection, topic);
            }
        }
        return CompletableFuture.allOf(brokerAcks.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, runtime.config().callbackTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((ignored, error) -> {
                    connection.send(runtime.frames().subscribed(id, granted));
                    return null;
                });
    }

    CompletionStage<Void> unsubscribe(ClientConnection connection, ClientFrame frame) {
        JsonNode id = frame.id();
        List<String> removed = new ArrayList<>();
        for (String topic : topicsOf(frame)) {
            Optional<String> problem = Topics.checkPattern(topic);
            if (problem.isPresent()) {
                connection.sendError(ErrorCode.INVALID_TOPIC, problem.get(), id, topic);
                continue;
            }
            if (connection.subscriptionSet().remove(topic)) {
                runtime.hub().unsubscribe(topic, connection);
                runtime.metrics().onUnsubscribe(connection, topic);
            }
            removed.add(topic);
        }
        connection.send(runtime.frames().unsubscribed(id, removed));
        return CompletableFuture.completedFuture(null);
    }

    /** {@code topics} (an array of strings) or {@code topic} (a string), without repeats, in order. */
    private static List<String> topicsOf(ClientFrame frame) {
        JsonNode topics = frame.field("topics");
        if (topics != null && !topics.isNull()) {
            if (!topics.isArray()) {
                throw new ClientFrame.BadFieldException("'topics' must be an array of strings");
            }
            if (topics.isEmpty()) {
                throw new ClientFrame.BadFieldException("'topics' must not be empty");
            }
            Set<String> unique = new LinkedHashSet<>();
            for (JsonNode topic : topics) {
                if (!topic.isTextual()) {
                    throw new ClientFrame.BadFieldException("'topics' must be an array of strings");
                }
                unique.add(topic.textValue());
            }
            return new ArrayList<>(unique);
        }
        Optional<String> single = frame.optionalString("topic");
        if (single.isEmpty()) {
            throw new ClientFrame.BadFieldException("'topics' (an array of strings) or 'topic' (a string) is required");
        }
        return List.of(single.get());
    }

    /** The judgement on one requested topic: granted ({@code code} null) or an error. */
    private record Verdict(ErrorCode code, String message) {
        static final Verdict GRANTED = new Verdict(null, null);
        /** Not judged: the callback pool was full. */
        static final Verdict BUSY = new Verdict(ErrorCode.RATE_LIMITED, "busy");
    }
}
