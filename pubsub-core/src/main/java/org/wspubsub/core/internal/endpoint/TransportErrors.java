package org.wspubsub.core.internal.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;

/**
 * How the endpoint logs a failure of a connection's transport (the container's error callback, a
 * failed write, close or ping). An I/O error, or any failure once the session is closed, is what
 * peers that leave cause in normal operation: DEBUG, one line. Anything else (a
 * {@code RuntimeException} from the container or from our own handler code while the session is
 * open) is a bug or a misuse an operator should see: WARN, with its stack trace.
 *
 * <p>Stateless; called from any thread.
 */
final class TransportErrors {

    /** How deep the cause chain is searched for an I/O error. */
    private static final int MAX_CAUSES = 10;

    private TransportErrors() {
    }

    /** Whether {@code error}, or one of its causes, is an I/O error. */
    static boolean isIoError(Throwable error) {
        Throwable t = error;
        for (int i = 0; t != null && i < MAX_CAUSES; i++) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    /**
     * Logs that {@code what} (for example "transport error", "write failed") happened to connection
     * {@code connectionId}, at DEBUG or WARN as the class comment says.
     */
    static void log(Logger log, String what, String connectionId, Throwable error, boolean sessionOpen) {
        if (!sessionOpen || isIoError(error)) {
            log.debug("connection={} {}: {}", connectionId, what, String.valueOf(error));
        } else {
            log.warn("connection={} {} (not an I/O error)", connectionId, what, error);
        }
    }
}
