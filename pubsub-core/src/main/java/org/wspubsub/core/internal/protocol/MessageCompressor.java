package org.wspubsub.core.internal.protocol;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.Deflater;

/**
 * Compresses one message for {@code permessage-deflate} without context takeover (RFC 7692
 * section 7.2.1): raw DEFLATE, flushed, with the closing {@code 00 00 ff ff} removed. Because no
 * connection's history is involved, the result is the same for every subscriber, so a publication
 * is compressed once per node.
 *
 * <p>Thread-safe: keeps a few {@link Deflater}s (about 260 KB of native memory each) for reuse and
 * creates one more when all are busy.
 */
final class MessageCompressor {

    /** Payloads shorter than this are sent uncompressed (the RFC allows it per message). */
    static final int MIN_PAYLOAD = 128;

    private static final int POOLED = 4;
    private static final BlockingQueue<Deflater> POOL = new ArrayBlockingQueue<>(POOLED);

    private MessageCompressor() {
    }

    /** The compressed payload, or null when compressing would not make it smaller. */
    static byte[] compress(byte[] payload) {
        if (payload.length < MIN_PAYLOAD) {
            return null;
        }
        Deflater deflater = POOL.poll();
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        }
        try {
            deflater.setInput(payload);
            byte[] out = new byte[payload.length / 2 + 64];
            int length = 0;
            while (true) {
                int n = deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
                length += n;
                if (length < out.length) {
                    break; // a flush that did not fill the buffer has written everything
                }
                out = Arrays.copyOf(out, out.length * 2);
            }
            int compressed = length - 4; // drop the flush's empty stored block, 00 00 ff ff
            return compressed < payload.length ? Arrays.copyOf(out, compressed) : null;
        } finally {
            deflater.reset();
            if (!POOL.offer(deflater)) {
                deflater.end();
            }
        }
    }
}
