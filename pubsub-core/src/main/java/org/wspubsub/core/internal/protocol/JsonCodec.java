package org.wspubsub.core.internal.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one place that configures Jackson: a shared {@link ObjectMapper} whose read constraints bound
 * nesting depth, string, number and document length, and the parser for client frames.
 *
 * <p>Thread-safe; one instance per service.
 */
public final class JsonCodec {

    /** Deeper JSON than this is a bad request (no stack overflow on hostile input). */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longer number literals than this are a bad request. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private final ObjectMapper mapper;

    public JsonCodec(int maxPayloadBytes) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(Math.max(1, maxPayloadBytes))
                .maxNameLength(Math.max(1, Math.min(maxPayloadBytes, 50_000)))
                .maxDocumentLength(Math.max(1, maxPayloadBytes))
                .build();
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
        this.mapper = new ObjectMapper(factory)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public ObjectNode newObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Parses one client frame; never throws. */
    public ParsedFrame parse(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            return new ParsedFrame.Bad("frame is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            return new ParsedFrame.Bad("frame must be a JSON object", null);
        }
        ObjectNode body = (ObjectNode) root;
        JsonNode id = body.get("id");
        if (id != null && !(id.isTextual() || id.isNumber())) {
            return new ParsedFrame.Bad("'id' must be a string or a number", null);
        }
        JsonNode type = body.get("type");
        if (type == null || !type.isTextual()) {
            return new ParsedFrame.Bad("'type' must be a string", id);
        }
        return new ParsedFrame.Ok(new ClientFrame(type.textValue(), id, body));
    }

    /** Serializes a node to a JSON string. */
    public String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
