package org.wspubsub.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.wspubsub.core.http.HttpRequest;
import org.wspubsub.core.http.HttpResponse;

/** JSON helpers for the example's HTTP endpoints. Thread-safe. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A JSON answer built from a map. */
    static HttpResponse answer(int status, Map<String, ?> body) {
        try {
            return HttpResponse.json(status, MAPPER.writeValueAsString(body));
        } catch (Exception e) {
            return HttpResponse.json(500, "{\"error\":\"could not write the answer\"}");
        }
    }

    /** The request body as a JSON object, or empty when it is not one. */
    static Optional<JsonNode> object(HttpRequest request) {
        try {
            JsonNode node = MAPPER.readTree(request.body());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The bearer token of the request, or empty. */
    static Optional<String> bearer(HttpRequest request) {
        return request.header("authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .filter(t -> !t.isEmpty());
    }
}
