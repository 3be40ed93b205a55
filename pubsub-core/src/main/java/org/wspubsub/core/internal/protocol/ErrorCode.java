package org.wspubsub.core.internal.protocol;

/** The {@code code} values of protocol {@code error} frames. */
public enum ErrorCode {
    BAD_REQUEST("bad_request"),
    UNKNOWN_TYPE("unknown_type"),
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    INVALID_TOPIC("invalid_topic"),
    RATE_LIMITED("rate_limited"),
    LIMIT_EXCEEDED("limit_exceeded"),
    INTERNAL_ERROR("internal_error");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears on the wire. */
    public String wire() {
        return wire;
    }
}
