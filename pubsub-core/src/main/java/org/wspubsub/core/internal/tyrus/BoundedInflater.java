package org.wspubsub.core.internal.tyrus;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one compressed message (RFC 7692 section 7.2.2: raw DEFLATE whose closing
 * {@code 00 00 ff ff} the sender removed) frame by frame, and stops as soon as the message would
 * grow past its limit: a decompression bomb costs at most the limit in heap, and the CPU to
 * inflate that much.
 *
 * <p>One instance per message; {@link #end()} frees its native memory. Not thread-safe: used by one
 * connection's read thread.
 */
final class BoundedInflater {

    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final int FIRST_CHUNK = 1024;

    private final Inflater inflater = new Inflater(true);
    private final long limit;
    private long inflatedBefore;
    private byte[] out;
    private int length;

    BoundedInflater(long limit) {
        this.limit = limit;
    }

    /**
     * Inflates one frame's payload; with {@code lastFrame}, also the message's end.
     *
     * @return the frame's inflated bytes, or null when the message passed its limit
     * @throws DataFormatException when the payload is not valid DEFLATE data
     */
    byte[] inflate(byte[] payload, boolean lastFrame) throws DataFormatException {
        out = new byte[(int) Math.min(limit - inflatedBefore + 1, FIRST_CHUNK)];
        length = 0;
        inflater.setInput(payload);
        boolean within = drain();
        if (within && lastFrame && !inflater.finished()) {
            inflater.setInput(TAIL);
            within = drain();
        }
        if (!within) {
            return null;
        }
        inflatedBefore += length;
        byte[] result = length == out.length ? out : Arrays.copyOf(out, length);
        out = null;
        return result;
    }

    /** Inflates all pending input, growing the output up to one byte past the limit; false past it. */
    private boolean drain() throws DataFormatException {
        while (true) {
            if (length == out.length) {
                if (inflatedBefore + length > limit) {
                    return false;
                }
                out = Arrays.copyOf(out, (int) Math.min(limit - inflatedBefore + 1, 2L * out.length));
            }
            int n = inflater.inflate(out, length, out.length - length);
            length += n;
            if (inflatedBefore + length > limit) {
                return false;
            }
            if (n == 0) {
                if (inflater.needsDictionary()) {
                    throw new DataFormatException("a preset dictionary is not allowed");
                }
                if (inflater.needsInput() || inflater.finished()) {
                    return true;
                }
            }
        }
    }

    /** How many bytes this message has inflated so far, counting a refused frame's. */
    long bytesInflated() {
        return inflater.getBytesWritten();
    }

    /** Frees the native memory; the instance is unusable afterwards. */
    void end() {
        inflater.end();
    }
}
