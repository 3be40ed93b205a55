package org.wspubsub.api;

/**
 * A runtime failure of the library (as opposed to misuse, which is reported with
 * {@link IllegalArgumentException} or {@link IllegalStateException}). The message says what
 * happened and what to do; the cause, when there is one, says why.
 */
public class PubSubException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PubSubException(String message) {
        super(message);
    }

    public PubSubException(String message, Throwable cause) {
        super(message, cause);
    }
}
