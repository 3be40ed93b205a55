package org.wspubsub.core.internal.protocol;

import java.nio.charset.StandardCharsets;

/**
 * One outbound text message (or the shared {@link #PING}), encoded once and shared by every connection it goes to: the UTF-8
 * JSON payload and, built on first use, the complete server-to-client WebSocket frame (RFC 6455,
 * FIN + text opcode, unmasked), its {@code permessage-deflate} form for connections that negotiated
 * compression, and the decoded {@link String} for transports that need text.
 *
 * <p>Thread-safe: the lazily built forms are idempotent, so a race only computes one twice.
 */
public final class OutboundFrame {

    /**
     * A WebSocket ping with an empty payload, queued like any frame so that it goes out in order
     * with the connection's other frames, in the same raw writes. Shared by every connection.
     */
    public static final OutboundFrame PING = new OutboundFrame(new byte[0], "", 0x89); // FIN, opcode 9 (ping)

    private final byte[] payload;
    /** The first byte of the frame: FIN plus the opcode. */
    private final int finAndOpcode;
    private volatile byte[] wire;
    private volatile byte[] compressedWire;
    private volatile String text;

    private OutboundFrame(byte[] payload, String text) {
        this(payload, text, 0x81); // FIN, opcode 1 (text)
    }

    private OutboundFrame(byte[] payload, String text, int finAndOpcode) {
        this.payload = payload;
        this.text = text;
        this.finAndOpcode = finAndOpcode;
    }

    /** Whether this is the {@link #PING} control frame rather than a text message. */
    public boolean isPing() {
        return this == PING;
    }

    /** A frame for a JSON payload already encoded as UTF-8 (not copied: do not modify it). */
    public static OutboundFrame ofPayload(byte[] utf8Json) {
        return new OutboundFrame(utf8Json, null);
    }

    /** A frame for JSON text (replies to one connection). */
    public static OutboundFrame ofText(String json) {
        return new OutboundFrame(json.getBytes(StandardCharsets.UTF_8), json);
    }

    /** The UTF-8 JSON payload; shared, never modify it. */
    public byte[] payload() {
        return payload;
    }

    /** The payload as text. */
    public String text() {
        String t = text;
        if (t == null) {
            t = new String(payload, StandardCharsets.UTF_8);
            text = t;
        }
        return t;
    }

    /** The complete WebSocket text frame, header included; shared, never modify it. */
    public byte[] wireFrame() {
        byte[] w = wire;
        if (w == null) {
            w = frame(payload, finAndOpcode);
            wire = w;
        }
        return w;
    }

    /**
     * The frame for a connection with {@code permessage-deflate}: compressed (RSV1 set) when that
     * makes it smaller, else the same as {@link #wireFrame()}; shared, never modify it.
     */
    public byte[] compressedWireFrame() {
        byte[] w = compressedWire;
        if (w == null && isPing()) {
            return wireFrame(); // control frames are never compressed (RFC 7692 section 6.1)
        }
        if (w == null) {
            byte[] compressed = MessageCompressor.compress(payload);
            w = compressed == null ? wireFrame() : frame(compressed, 0xC1); // FIN, RSV1, opcode 1 (text)
            compressedWire = w;
        }
        return w;
    }

    /** The number of bytes this frame costs in an outbound queue. */
    public int size() {
        return payload.length + headerLength(payload.length);
    }

    /** What a frame with {@code payloadLength} bytes of payload costs in an outbound queue ({@link #size()}). */
    public static int sizeOf(int payloadLength) {
        return payloadLength + headerLength(payloadLength);
    }

    static int headerLength(int payloadLength) {
        if (payloadLength < 126) {
            return 2;
        }
        return payloadLength <= 0xFFFF ? 4 : 10;
    }

    private static byte[] frame(byte[] payload, int firstByte) {
        int n = payload.length;
        int header = headerLength(n);
        byte[] out = new byte[header + n];
        out[0] = (byte) firstByte;
        if (n < 126) {
            out[1] = (byte) n;
        } else if (n <= 0xFFFF) {
            out[1] = 126;
            out[2] = (byte) (n >>> 8);
            out[3] = (byte) n;
        } else {
            out[1] = 127;
            long len = n;
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) (len >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, out, header, n);
        return out;
    }
}
