package org.wspubsub.core.internal.tyrus;

import org.glassfish.grizzly.Buffer;

/**
 * Reads the headers of one connection's incoming WebSocket frames as the bytes arrive, before
 * Tyrus buffers anything, and refuses what Tyrus would accept or buffer: an unmasked client frame
 * ({@code 1002}) and a data message whose frames add up to more than the payload limit or to more
 * than {@link #MAX_FRAGMENTS} frames ({@code 1009}, decided from the header, so an oversized frame's
 * payload is never buffered).
 * Everything else (RSV bits, opcodes, control frame rules, UTF-8) is left to Tyrus, which checks it.
 * It also notes when the client's close frame has been read in full ({@link #closeReceived()}), and
 * goes on following frame boundaries after a refusal (without judging them any more), so the server
 * can read and discard until the client's close frame before it closes the socket.
 *
 * <p>Only reads the buffers it is given. One instance per connection; called on that connection's
 * Grizzly worker, one read at a time.
 */
final class FrameGuard {

    /** No violation so far. */
    static final int OK = 0;
    /** The most frames one message may be split into; more closes with 1009. */
    static final int MAX_FRAGMENTS = 1_024;

    private final long maxMessageBytes;
    private final byte[] header = new byte[14];
    private int headerLength;
    private long payloadRemaining;
    private long messageBytes;
    private int fragments;
    /** The opcode of the frame whose payload is being skipped. */
    private int opcode;
    /** A violation was reported: frames are only followed from now on, no longer judged. */
    private boolean refused;
    /** The frame boundaries are lost (a length no frame can have): nothing more is learned. */
    private boolean lost;
    private boolean closeReceived;

    FrameGuard(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Inspects the bytes between the buffer's position and limit (without moving them). After a
     * violation was reported once, later calls only follow the frames and return {@link #OK}.
     *
     * @return {@link #OK}, or the close code to refuse the connection with
     */
    int inspect(Buffer buffer) {
        int position = buffer.position();
        int limit = buffer.limit();
        int verdict = OK;
        while (position < limit && !lost) {
            if (payloadRemaining > 0) {
                long skip = Math.min(payloadRemaining, limit - position);
                payloadRemaining -= skip;
                position += (int) skip;
                if (payloadRemaining == 0 && opcode == 0x8) {
                    closeReceived = true;
                }
                continue;
            }
            header[headerLength++] = buffer.get(position++);
            int needed = headerSize();
            if (needed < 0 || headerLength < needed) {
                continue;
            }
            int found = frameComplete();
            headerLength = 0;
            if (found != OK && !refused) {
                refused = true;
                verdict = found;
            }
        }
        return verdict;
    }

    /** Whether the client's close frame has been read in full (header and payload). */
    boolean closeReceived() {
        return closeReceived;
    }

    /** The full header size once the first two bytes are known, else -1. */
    private int headerSize() {
        if (headerLength < 2) {
            return -1;
        }
        int length = header[1] & 0x7F;
        int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
        boolean masked = (header[1] & 0x80) != 0;
        return 2 + extended + (masked ? 4 : 0);
    }

    /** Takes in a complete frame header: the close code it violates, or {@link #OK}. */
    private int frameComplete() {
        int verdict = OK;
        if ((header[1] & 0x80) == 0) {
            verdict = 1002; // RFC 6455 5.1: a server must close on an unmasked client frame
        }
        opcode = header[0] & 0x0F;
        int length = header[1] & 0x7F;
        long payload;
        if (length == 126) {
            payload = ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
        } else if (length == 127) {
            payload = 0;
            for (int i = 2; i < 10; i++) {
                payload = (payload << 8) | (header[i] & 0xFFL);
            }
            if (payload < 0) {
                lost = true;
                return 1002;
            }
        } else {
            payload = length;
        }
        if (opcode == 0x1 || opcode == 0x2) {
            messageBytes = payload;
            fragments = 1;
        } else if (opcode == 0x0) {
            messageBytes += payload;
            fragments++;
        }
        payloadRemaining = payload;
        if (payload == 0 && opcode == 0x8) {
            closeReceived = true;
        }
        if (verdict == OK && (opcode <= 0x2) && (messageBytes > maxMessageBytes || fragments > MAX_FRAGMENTS)) {
            verdict = 1009;
        }
        return verdict;
    }
}
