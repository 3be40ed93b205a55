package org.wspubsub.api;

/**
 * The broker adapter could not take a publication (the broker is unreachable, or did not answer in
 * time). Subscribers on the publishing node still received it; other nodes did not. Retrying later
 * is safe; a host HTTP endpoint would answer 503.
 */
public class AdapterUnavailableException extends PubSubException {

    private static final long serialVersionUID = 1L;

    public AdapterUnavailableException(String message) {
        super(message);
    }

    public AdapterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
