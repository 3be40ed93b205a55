package org.wspubsub.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.core.http.HttpEndpoint;
import org.wspubsub.core.http.HttpRequest;
import org.wspubsub.core.http.HttpResponse;
import org.wspubsub.examples.auth.JwtTokens;
import org.wspubsub.examples.service.NotificationService;

/**
 * {@code POST /chat} with a bearer token and {@code {"room":"1","text":"hi"}}: a room member's chat
 * message, published by the {@link NotificationService} to {@code room.{id}.messages}. {@code 202},
 * or {@code 401}/{@code 403}/{@code 400}/{@code 503}. Thread-safe.
 */
public final class ChatEndpoint implements HttpEndpoint {

    private static final int MAX_TEXT = 2_000;

    private final NotificationService notifications;
    private final JwtTokens tokens;

    public ChatEndpoint(NotificationService notifications, JwtTokens tokens) {
        this.notifications = notifications;
        this.tokens = tokens;
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        Optional<ConnectionContext> caller = Json.bearer(request).flatMap(tokens::verify);
        if (caller.isEmpty()) {
            return CompletableFuture.completedFuture(Json.answer(401, Map.of("error", "a valid bearer token is required")));
        }
        Optional<JsonNode> body = Json.object(request);
        String room = body.map(b -> b.path("room").asText("")).orElse("");
        String text = body.map(b -> b.path("text").asText("")).orElse("");
        if (room.isBlank() || text.isBlank() || text.length() > MAX_TEXT || room.contains(".")) {
            return CompletableFuture.completedFuture(Json.answer(400,
                    Map.of("error", "body must be {\"room\":\"…\",\"text\":\"…\"} with up to " + MAX_TEXT + " characters")));
        }
        if (!JwtTokens.rooms(caller.get()).contains(room)) {
            return CompletableFuture.completedFuture(Json.answer(403, Map.of("error", "not a member of room " + room)));
        }
        return notifications.sendRoomMessage(room, caller.get().userId(), text)
                .handle((ok, error) -> error == null
                        ? Json.answer(202, Map.of("status", "accepted"))
                        : Json.answer(503, Map.of("error", "the message could not be published", "reason",
                                String.valueOf(error.getMessage()))));
    }
}
