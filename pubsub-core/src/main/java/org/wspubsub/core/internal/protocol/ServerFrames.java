package org.wspubsub.core.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * Builds the server's reply frames ({@code auth.success}, {@code subscribed}, {@code error}, …) as
 * JSON text. Stateless apart from the codec; thread-safe.
 */
public final class ServerFrames {

    private final JsonCodec codec;

    public ServerFrames(JsonCodec codec) {
        this.codec = codec;
    }

    public String authSuccess(JsonNode id, String userId, String sessionId) {
        ObjectNode o = start(MessageTypes.AUTH_SUCCESS, id);
        o.put("userId", userId);
        o.put("sessionId", sessionId);
        return codec.write(o);
    }

    public String subscribed(JsonNode id, Collection<String> topics) {
        return topicsReply(MessageTypes.SUBSCRIBED, id, topics);
    }

    public String unsubscribed(JsonNode id, Collection<String> topics) {
        return topicsReply(MessageTypes.UNSUBSCRIBED, id, topics);
    }

    public String published(JsonNode id) {
        return codec.write(start(MessageTypes.PUBLISHED, id));
    }

    public String pong(JsonNode id) {
        return codec.write(start(MessageTypes.PONG, id));
    }

    /** An error frame; {@code id} and {@code topic} may be null and are then left out. */
    public String error(ErrorCode code, String message, JsonNode id, String topic) {
        ObjectNode o = codec.newObject();
        o.put("type", MessageTypes.ERROR);
        o.put("code", code.wire());
        o.put("message", message);
        if (id != null) {
            o.set("id", id);
        }
        if (topic != null) {
            o.put("topic", topic);
        }
        return codec.write(o);
    }

    private String topicsReply(String type, JsonNode id, Collection<String> topics) {
        ObjectNode o = start(type, id);
        ArrayNode array = o.putArray("topics");
        topics.forEach(array::add);
        return codec.write(o);
    }

    private ObjectNode start(String type, JsonNode id) {
        ObjectNode o = codec.newObject();
        o.put("type", type);
        if (id != null) {
            o.set("id", id);
        }
        return o;
    }
}
