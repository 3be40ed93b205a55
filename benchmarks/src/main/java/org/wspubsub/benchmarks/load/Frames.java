package org.wspubsub.benchmarks.load;

/** The load tool's frames and the tiny parser that reads them back without a JSON library. Stateless. */
final class Frames {

    private Frames() {
    }

    static String subscribe(String topic) {
        return "{\"type\":\"subscribe\",\"topics\":[\"" + topic + "\"]}";
    }

    /** A publish frame of about {@code size} bytes carrying a sequence number and the send time. */
    static String publish(String topic, long seq, long sentNanos, int size) {
        String head = "{\"type\":\"publish\",\"topic\":\"" + topic + "\",\"data\":{\"seq\":" + seq + ",\"ts\":" + sentNanos
                + ",\"pad\":\"";
        int pad = Math.max(0, size - head.length() - 3);
        return head + "x".repeat(pad) + "\"}}";
    }

    /**
     * The number after {@code key} (ASCII, e.g. {@code "seq":}) in a frame's bytes, or -1; reads
     * the bytes in place, so a delivery costs the load generator no string decoding.
     */
    private static final byte[] ERROR_START = "{\"type\":\"error\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Whether a reply is an {@code error} frame (the server writes {@code type} first), read in place. */
    static boolean isError(io.netty.buffer.ByteBuf content) {
        if (content.readableBytes() < ERROR_START.length) {
            return false;
        }
        int at = content.readerIndex();
        for (int i = 0; i < ERROR_START.length; i++) {
            if (content.getByte(at + i) != ERROR_START[i]) {
                return false;
            }
        }
        return true;
    }

    static long number(io.netty.buffer.ByteBuf content, byte[] key) {
        int end = content.writerIndex() - key.length;
        outer:
        for (int at = content.readerIndex(); at <= end; at++) {
            for (int k = 0; k < key.length; k++) {
                if (content.getByte(at + k) != key[k]) {
                    continue outer;
                }
            }
            long value = 0;
            for (int i = at + key.length; i < content.writerIndex(); i++) {
                byte c = content.getByte(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }
        return -1;
    }
}
