package org.wspubsub.core.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;

/**
 * Builds the server's reply frames ({@code auth.success}, {@code subscribed}, {@code error}, …) as
 * JSON text, written field by field ({@link ReplyJson}). Stateless apart from the codec; thread-safe.
 */
public final class ServerFrames {

    private final JsonCodec codec;

    public ServerFrames(JsonCodec codec) {
        this.codec = codec;
    }

    public String authSuccess(JsonNode id, String userId, String sessionId) {
        return start(MessageTypes.AUTH_SUCCESS, id).field("userId", userId).field("sessionId", sessionId).end();
    }

    public String subscribed(JsonNode id, Collection<String> topics) {
        return start(MessageTypes.SUBSCRIBED, id).strings("topics", topics).end();
    }

    public String unsubscribed(JsonNode id, Collection<String> topics) {
        return start(MessageTypes.UNSUBSCRIBED, id).strings("topics", topics).end();
    }

    public String published(JsonNode id) {
        return start(MessageTypes.PUBLISHED, id).end();
    }

    public String pong(JsonNode id) {
        return start(MessageTypes.PONG, id).end();
    }

    /** An error frame; {@code id} and {@code topic} may be null and are then left out. */
    public String error(ErrorCode code, String message, JsonNode id, String topic) {
        ReplyJson reply = new ReplyJson(codec, MessageTypes.ERROR).field("code", code.wire()).field("message", message)
                .id(id);
        if (topic != null) {
            reply.field("topic", topic);
        }
        return reply.end();
    }

    private ReplyJson start(String type, JsonNode id) {
        return new ReplyJson(codec, type).id(id);
    }
}
