package org.wspubsub.core.internal.tyrus;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.util.ByteChunk;
import org.glassfish.grizzly.http.util.DataChunk;

/**
 * Shares the text of header values that repeat from one connection to the next. Every connection
 * keeps its upgrade request for the authenticator, and the clients of a node mostly send the same
 * few {@code Host}, {@code Origin}, {@code User-Agent} or {@code Accept-Language} values, so one
 * {@link String} can serve them all instead of a copy per connection (a browser's
 * {@code User-Agent} alone is 100 to 200 bytes). Only for the headers
 * {@link org.wspubsub.core.internal.endpoint.KnownHeaders#repeats} names, and for the upgrade's own
 * headers that {@link TyrusUpgrader} hands to Tyrus ({@code Upgrade}, {@code Connection},
 * {@code Sec-WebSocket-Version}...): never a cookie, a credential, a client's own address or its
 * {@code Sec-WebSocket-Key}. {@link #decode} turns any other header text into a string.
 *
 * <p>A small table of recent values, indexed by a hash of the bytes. A value in Grizzly's default
 * ISO-8859-1 is compared with its slot byte by byte, so a repeated value costs no allocation at
 * all; one in another charset is decoded, then shared if equal. A value that does not match its
 * slot is decoded and takes the slot. One instance per standalone server, called by the
 * {@link HandshakeGuardFilter} and the {@link TyrusUpgrader} on Grizzly's workers as they take
 * upgrade requests' snapshots and hand requests to Tyrus; thread-safe without locks: slots hold
 * immutable strings, and a lost race costs one copy.
 */
final class RepeatedHeaderValues {

    private static final int SLOTS = 256;
    /** Longer values are rare enough to repeat, and costly to compare: decoded as they are. */
    private static final int MAX_LENGTH = 512;

    private final String[] slots = new String[SLOTS];

    /**
     * The text of a header name or value in Grizzly's charset for it (ISO-8859-1 unless configured
     * otherwise), decoded by the JDK's {@link String} constructor rather than Grizzly's
     * {@code toString()}, which runs a charset decoder with its own buffers for every value.
     */
    static String decode(DataChunk chunk) {
        if (chunk.getType() != DataChunk.Type.Bytes) {
            return chunk.toString();
        }
        ByteChunk bytes = chunk.getByteChunk();
        return new String(bytes.getBuffer(), bytes.getStart(), bytes.getLength(), bytes.getCharset());
    }

    /** {@link #decode}, shared with other connections' equal values. */
    String shared(DataChunk chunk) {
        if (chunk.getType() != DataChunk.Type.Bytes) {
            return chunk.toString();
        }
        ByteChunk bytes = chunk.getByteChunk();
        return text(bytes.getBuffer(), bytes.getStart(), bytes.getLength(), bytes.getCharset());
    }

    /** The text of {@code length} bytes at {@code start} of {@code bytes} in {@code charset}, shared when it repeats. */
    String text(byte[] bytes, int start, int length, Charset charset) {
        if (length > MAX_LENGTH) {
            return new String(bytes, start, length, charset);
        }
        int slot = slotOf(bytes, start, length);
        String known = slots[slot];
        if (charset.equals(StandardCharsets.ISO_8859_1)) {
            if (known != null && sameLatin1(known, bytes, start, length)) {
                return known;
            }
            String text = new String(bytes, start, length, charset);
            slots[slot] = text;
            return text;
        }
        String text = new String(bytes, start, length, charset);
        if (text.equals(known)) {
            return known;
        }
        slots[slot] = text;
        return text;
    }

    private static int slotOf(byte[] bytes, int start, int length) {
        int hash = length;
        for (int i = start; i < start + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }

    private static boolean sameLatin1(String known, byte[] bytes, int start, int length) {
        if (known.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known.charAt(i) != (char) (bytes[start + i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }
}
