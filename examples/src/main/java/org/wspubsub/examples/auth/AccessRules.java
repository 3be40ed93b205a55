package org.wspubsub.examples.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.wspubsub.api.Connection;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.PublishAuthorizer;
import org.wspubsub.api.SubscribeAuthorizer;

/**
 * The example's authorization, as in the seed application:
 * <ul>
 *   <li>{@code user.{sub}.…}: only that user;</li>
 *   <li>{@code room.{id}.…}: members of room {@code id};</li>
 *   <li>{@code admin.…}: users with role {@code admin};</li>
 *   <li>{@code public.…} and {@code system.…}: every authenticated user;</li>
 *   <li>clients may publish only to {@code room.{id}.typing} of their own rooms.</li>
 * </ul>
 * The authorizer sees subscription <em>patterns</em>, so the segments that decide access (the user
 * id, the room id) must be literal: {@code user.*.notifications} or {@code room.>} would match
 * other users' and rooms' topics and are refused, while {@code user.alice.>} is fine for alice.
 * A prefix check on the raw string would get this wrong. Stateless; thread-safe.
 */
public final class AccessRules implements SubscribeAuthorizer, PublishAuthorizer {

    @Override
    public CompletionStage<Boolean> authorize(String topic, Connection connection) {
        return CompletableFuture.completedFuture(connection.context().map(c -> maySubscribe(topic, c)).orElse(false));
    }

    /** The publish authorizer: typing indicators in one's own rooms. */
    public PublishAuthorizer publishing() {
        return (topic, connection) -> CompletableFuture.completedFuture(
                connection.context().map(c -> mayPublish(topic, c)).orElse(false));
    }

    /** Whether {@code context} may subscribe to the topic or pattern {@code pattern}. */
    public static boolean maySubscribe(String pattern, ConnectionContext context) {
        String[] segments = pattern.split("\\.");
        switch (segments[0]) {
            case "user":
                return segments.length >= 3 && literal(segments[1]) && segments[1].equals(context.userId());
            case "room":
                return segments.length >= 3 && literal(segments[1])
                        && JwtTokens.rooms(context).contains(segments[1]);
            case "admin":
                return context.hasRole("admin");
            case "public":
            case "system":
                return true;
            default:
                return false;
        }
    }

    /** Whether {@code context} may publish to the concrete {@code topic}. */
    public static boolean mayPublish(String topic, ConnectionContext context) {
        String[] segments = topic.split("\\.");
        return segments.length == 3 && segments[0].equals("room") && segments[2].equals("typing")
                && JwtTokens.rooms(context).contains(segments[1]);
    }

    private static boolean literal(String segment) {
        return !segment.equals("*") && !segment.equals(">");
    }
}
