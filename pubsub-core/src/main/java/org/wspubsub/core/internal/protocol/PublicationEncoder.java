package org.wspubsub.core.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Encodes a publication's delivery frame once, as UTF-8 JSON bytes, following the protocol's
 * delivery rules: a JSON object with a string {@code type} is delivered as it is with
 * {@code topic} set by the server; anything else is wrapped as {@code {"type":"message",…}}; a
 * client publish carries {@code from}.
 *
 * <p>Thread-safe. Called once per publication on the publishing node, never per subscriber.
 */
public final class PublicationEncoder {

    private final JsonCodec codec;

    public PublicationEncoder(JsonCodec codec) {
        this.codec = codec;
    }

    /**
     * Encodes a host publication.
     *
     * @throws IllegalArgumentException when the message cannot be serialized or uses a reserved type
     */
    public byte[] encodeHostMessage(String topic, Object message) {
        JsonNode tree;
        try {
            tree = codec.mapper().valueToTree(message);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("message could not be serialized to JSON for topic " + topic
                    + " (" + rootMessage(e) + "); publish maps, lists, records, POJOs with getters or JSON values", e);
        }
        ObjectNode frame;
        if (tree != null && tree.isObject() && tree.path("type").isTextual()) {
            String type = tree.get("type").textValue();
            if (MessageTypes.RESERVED.contains(type)) {
                throw new IllegalArgumentException("message type '" + type + "' is reserved for protocol replies "
                        + MessageTypes.RESERVED + "; choose another type");
            }
            frame = codec.newObject();
            frame.put("type", type);
            frame.put("topic", topic);
            for (Map.Entry<String, JsonNode> field : tree.properties()) {
                if (!field.getKey().equals("type") && !field.getKey().equals("topic")) {
                    frame.set(field.getKey(), field.getValue());
                }
            }
        } else {
            frame = codec.newObject();
            frame.put("type", MessageTypes.MESSAGE);
            frame.put("topic", topic);
            frame.set("data", tree);
        }
        return bytes(frame);
    }

    /** Encodes a client publication: {@code {"type":<event or "message">,"topic":…,"data":…,"from":{"userId":…}}}. */
    public byte[] encodeClientMessage(String topic, String event, JsonNode data, String userIdOrNull) {
        ObjectNode frame = codec.newObject();
        frame.put("type", event == null ? MessageTypes.MESSAGE : event);
        frame.put("topic", topic);
        frame.set("data", data);
        ObjectNode from = frame.putObject("from");
        if (userIdOrNull != null) {
            from.put("userId", userIdOrNull);
        }
        return bytes(frame);
    }

    private byte[] bytes(ObjectNode frame) {
        try {
            return codec.mapper().writeValueAsBytes(frame);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("publication could not be encoded: " + e.getOriginalMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
