package org.wspubsub.core.internal.tyrus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import org.glassfish.tyrus.spi.ReadHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets go of the buffer Tyrus's read handler keeps between reads once it holds nothing. Tyrus
 * copies every read into a buffer of its own (a multiple of 256 bytes) and, after the last whole
 * frame in it, keeps that buffer, empty, for the next read: about 330 bytes per connection that has
 * ever received a message, for the connection's whole life. Netty's decoders drop theirs in the
 * same spot. A connection that receives again gets a fresh buffer (short-lived garbage instead of
 * long-lived memory); one that holds the start of a frame keeps it.
 *
 * <p>Tyrus has no public way to do this, so the handler's private field is reached through a
 * {@link VarHandle}, here only; {@link #isAvailable()} says whether this Tyrus still has it (a test
 * fails loudly if an upgrade renames it; without it nothing breaks, connections just keep the
 * buffer). Called on the thread that just ran the read, between reads of that connection.
 */
final class TyrusReadBuffer {

    private static final Logger log = LoggerFactory.getLogger(TyrusReadBuffer.class);
    private static final String HANDLER = "org.glassfish.tyrus.core.TyrusWebSocketEngine$TyrusReadHandler";
    private static final Class<?> HANDLER_CLASS;
    private static final VarHandle BUFFER;

    static {
        Class<?> type = null;
        VarHandle buffer = null;
        try {
            type = Class.forName(HANDLER, false, ReadHandler.class.getClassLoader());
            buffer = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
                    .findVarHandle(type, "buffer", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Tyrus's read buffer cannot be released: {}", e.toString());
        }
        HANDLER_CLASS = type;
        BUFFER = buffer;
    }

    private TyrusReadBuffer() {
    }

    /** Whether this Tyrus version's read handler can be told to drop its empty buffer. */
    static boolean isAvailable() {
        return BUFFER != null;
    }

    /** Drops {@code reader}'s buffer when it holds no unparsed bytes; no-op for any other handler. */
    static void releaseIfEmpty(ReadHandler reader) {
        if (BUFFER != null && HANDLER_CLASS.isInstance(reader)) {
            ByteBuffer kept = (ByteBuffer) BUFFER.getVolatile(reader);
            if (kept != null && !kept.hasRemaining()) {
                BUFFER.setVolatile(reader, (ByteBuffer) null);
            }
        }
    }

    /** Whether {@code reader} currently keeps a buffer (for tests). */
    static boolean holdsBuffer(ReadHandler reader) {
        return BUFFER != null && HANDLER_CLASS.isInstance(reader) && BUFFER.getVolatile(reader) != null;
    }
}
