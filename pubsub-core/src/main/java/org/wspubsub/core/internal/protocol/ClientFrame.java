package org.wspubsub.core.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A client frame that parsed as a JSON object with a string {@code type}. Immutable.
 *
 * @param type the request type
 * @param id   the request's {@code id} (a string or number node) to echo in replies, or null
 * @param body the whole frame
 */
public record ClientFrame(String type, JsonNode id, ObjectNode body) {

    /** A string field, empty when absent; {@link BadFieldException} when present but not a string. */
    public Optional<String> optionalString(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new BadFieldException("'" + field + "' must be a string");
        }
        return Optional.of(node.textValue());
    }

    /** A required string field; {@link BadFieldException} when missing or not a string. */
    public String requiredString(String field) {
        return optionalString(field).orElseThrow(() -> new BadFieldException("'" + field + "' is required"));
    }

    /** A field's node, or null. */
    public JsonNode field(String field) {
        return body.get(field);
    }

    /** A field of the wrong type or a missing required field; answered with {@code bad_request}. */
    public static final class BadFieldException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadFieldException(String message) {
            super(message, null, false, false);
        }
    }
}
