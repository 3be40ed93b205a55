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
 * <p>A small table of recent values in sets of two, the set chosen by a hash of the bytes, so two
 * values that hash alike (a {@code Host} and the {@code Upgrade} of {@code Connection}, say) are
 * both kept. A value in Grizzly's default ISO-8859-1 is compared with its set byte by byte, so a
 * repeated value costs no allocation at all; one in another charset is decoded, then shared if
 * equal. A value found in a set becomes its first entry; one not found is decoded, becomes the
 * first entry and pushes the other out. One instance per standalone server, called by the
 * {@link HandshakeGuardFilter} and the {@link TyrusUpgrader} on Grizzly's workers as they take
 * upgrade requests' snapshots and hand requests to Tyrus; thread-safe without locks: entries are
 * immutable strings, and a lost race costs a copy or an entry, never a wrong text.
 */
final class RepeatedHeaderValues {

    private static final int SETS = 128;
    private static final int WAYS = 2;
    /** Longer values are rare enough to repeat, and costly to compare: decoded as they are. */
    private static final int MAX_LENGTH = 512;

    /** Set {@code n} is entries {@code 2n} (the one last used) and {@code 2n + 1}. */
    private final String[] entries = new String[SETS * WAYS];

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
        int first = setOf(bytes, start, length) * WAYS;
        String recent = entries[first];
        String older = entries[first + 1];
        if (charset.equals(StandardCharsets.ISO_8859_1)) {
            if (recent != null && sameLatin1(recent, bytes, start, length)) {
                return recent;
            }
            if (older != null && sameLatin1(older, bytes, start, length)) {
                return use(first, older, recent);
            }
            return use(first, new String(bytes, start, length, charset), recent);
        }
        String text = new String(bytes, start, length, charset);
        if (text.equals(recent)) {
            return recent;
        }
        return use(first, text.equals(older) ? older : text, recent);
    }

    /**
     * Whether the table holds a text equal to {@code value} now, which it then hands to whoever asks
     * for that value next (a value that comes later and falls into the same set may push it out).
     */
    boolean holds(String value) {
        for (String entry : entries) {
            if (value.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /** Makes {@code text} the set's first entry and {@code recent}, its first until now, the second. */
    private String use(int first, String text, String recent) {
        entries[first + 1] = recent;
        entries[first] = text;
        return text;
    }

    /** The set {@code length} bytes at {@code start} of {@code bytes} belong to. */
    static int setOf(byte[] bytes, int start, int length) {
        int hash = length;
        for (int i = start; i < start + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return (hash ^ (hash >>> 16)) & (SETS - 1);
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
