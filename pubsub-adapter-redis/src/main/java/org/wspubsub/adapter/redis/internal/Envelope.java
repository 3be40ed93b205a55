package org.wspubsub.adapter.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What one publication looks like on a Redis channel: a version byte, the publishing node's id
 * (length-prefixed UTF-8) and the delivery frame exactly as the publishing node encoded it. The
 * topic travels as the channel name. Stateless.
 *
 * <pre>[0x01][n][n bytes of node id][frame payload…]</pre>
 */
public final class Envelope {

    static final byte VERSION = 1;
    /** The longest node id, in UTF-8 bytes. */
    public static final int MAX_NODE_ID_BYTES = 255;

    private Envelope() {
    }

    /** The node id as the envelope carries it; fails for ids longer than {@link #MAX_NODE_ID_BYTES}. */
    public static byte[] nodeIdBytes(String nodeId) {
        byte[] id = nodeId.getBytes(StandardCharsets.UTF_8);
        if (id.length > MAX_NODE_ID_BYTES) {
            throw new IllegalArgumentException("nodeId is longer than " + MAX_NODE_ID_BYTES + " bytes in UTF-8");
        }
        return id;
    }

    public static byte[] encode(byte[] nodeId, byte[] payload) {
        byte[] out = new byte[2 + nodeId.length + payload.length];
        out[0] = VERSION;
        out[1] = (byte) nodeId.length;
        System.arraycopy(nodeId, 0, out, 2, nodeId.length);
        System.arraycopy(payload, 0, out, 2 + nodeId.length, payload.length);
        return out;
    }

    /** Whether {@code envelope} was published by the node whose id bytes are {@code nodeId}. */
    public static boolean isFrom(byte[] envelope, byte[] nodeId) {
        return envelope.length >= 2 + nodeId.length && (envelope[1] & 0xFF) == nodeId.length
                && Arrays.equals(envelope, 2, 2 + nodeId.length, nodeId, 0, nodeId.length);
    }

    /** Whether {@code envelope} is one this version understands. */
    public static boolean isValid(byte[] envelope) {
        return envelope != null && envelope.length >= 2 && envelope[0] == VERSION
                && envelope.length >= 2 + (envelope[1] & 0xFF);
    }

    public static String origin(byte[] envelope) {
        return new String(envelope, 2, envelope[1] & 0xFF, StandardCharsets.UTF_8);
    }

    public static byte[] payload(byte[] envelope) {
        int start = 2 + (envelope[1] & 0xFF);
        return Arrays.copyOfRange(envelope, start, envelope.length);
    }
}
