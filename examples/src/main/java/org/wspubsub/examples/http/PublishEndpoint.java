package org.wspubsub.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.wspubsub.api.AdapterUnavailableException;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.IWebSocketService;
import org.wspubsub.core.http.HttpEndpoint;
import org.wspubsub.core.http.HttpRequest;
import org.wspubsub.core.http.HttpResponse;
import org.wspubsub.examples.auth.JwtTokens;

/**
 * {@code POST /publish} with {@code Authorization: Bearer <JWT with role admin>} and body
 * {@code {"topic":…,"message":…}}: {@code 202} once the publication is handed over; {@code 401}
 * without a valid token, {@code 403} without role admin, {@code 400} for a bad body, topic or
 * message, {@code 503} with a JSON reason when the broker adapter cannot take it, {@code 405} for
 * other methods. Thread-safe.
 */
public final class PublishEndpoint implements HttpEndpoint {

    private final IWebSocketService ws;
    private final JwtTokens tokens;

    public PublishEndpoint(IWebSocketService ws, JwtTokens tokens) {
        this.ws = ws;
        this.tokens = tokens;
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        if (!request.method().equals("POST")) {
            return done(Json.answer(405, Map.of("error", "use POST")).withHeader("Allow", "POST"));
        }
        Optional<ConnectionContext> caller = Json.bearer(request).flatMap(tokens::verify);
        if (caller.isEmpty()) {
            return done(Json.answer(401, Map.of("error", "a valid bearer token is required"))
                    .withHeader("WWW-Authenticate", "Bearer"));
        }
        if (!caller.get().hasRole("admin")) {
            return done(Json.answer(403, Map.of("error", "role admin is required")));
        }
        Optional<JsonNode> body = Json.object(request);
        if (body.isEmpty() || !body.get().path("topic").isTextual() || !body.get().has("message")) {
            return done(Json.answer(400, Map.of("error", "body must be {\"topic\":\"…\",\"message\":…}")));
        }
        Object message = Json.MAPPER.convertValue(body.get().get("message"), Object.class);
        if (message == null) {
            return done(Json.answer(400, Map.of("error", "message must not be null")));
        }
        return ws.publish(body.get().get("topic").textValue(), message).handle((ok, error) -> {
            if (error == null) {
                return Json.answer(202, Map.of("status", "accepted"));
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof IllegalArgumentException) {
                return Json.answer(400, Map.of("error", cause.getMessage()));
            }
            if (cause instanceof AdapterUnavailableException) {
                return Json.answer(503, Map.of("error", "the broker cannot take publications right now",
                        "reason", cause.getMessage()));
            }
            return Json.answer(503, Map.of("error", "the service cannot publish right now"));
        });
    }

    private static CompletionStage<HttpResponse> done(HttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
