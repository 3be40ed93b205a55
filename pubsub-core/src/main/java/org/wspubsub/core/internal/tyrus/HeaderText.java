package org.wspubsub.core.internal.tyrus;

import org.glassfish.grizzly.http.util.ByteChunk;
import org.glassfish.grizzly.http.util.DataChunk;

/**
 * Decodes the text of upgrade requests' header names and values. Each call returns a string of
 * its own: nothing is shared between connections. Stateless; thread-safe.
 */
final class HeaderText {

    private HeaderText() {
    }

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
}
