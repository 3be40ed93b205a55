package org.wspubsub.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.wspubsub.core.http.HttpEndpoint;
import org.wspubsub.core.http.HttpRequest;
import org.wspubsub.core.http.HttpResponse;
import org.wspubsub.examples.auth.JwtTokens;

/**
 * {@code POST /dev/token} with {@code {"sub":"alice","roles":[…],"rooms":[…]}}: mints a one-hour
 * token for the browser demo. Registered only while the server runs with the development secret;
 * anyone who can reach it can become anyone, so it must never run with a real secret. Thread-safe.
 */
public final class DevTokenEndpoint implements HttpEndpoint {

    private final JwtTokens tokens;

    public DevTokenEndpoint(JwtTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        JsonNode body = Json.object(request).orElse(null);
        if (!request.method().equals("POST") || body == null || !body.path("sub").isTextual()
                || body.path("sub").asText().isBlank() || body.path("sub").asText().contains(".")) {
            return CompletableFuture.completedFuture(Json.answer(400,
                    Map.of("error", "POST {\"sub\":\"alice\",\"roles\":[\"admin\"],\"rooms\":[\"1\"]}")));
        }
        String token = tokens.mint(body.get("sub").asText(), strings(body.get("roles")), strings(body.get("rooms")),
                Duration.ofHours(1));
        return CompletableFuture.completedFuture(Json.answer(200, Map.of("token", token)));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> {
                if (n.isTextual() && !n.asText().isBlank()) {
                    out.add(n.asText().trim());
                }
            });
        }
        return out;
    }
}
