package org.wspubsub.core.internal.protocol;

/** The WebSocket close codes of protocol v1 (see {@code docs/protocol.md}). */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int UNSUPPORTED_DATA = 1003;
    public static final int TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int PING_TIMEOUT = 4000;
    public static final int SLOW_CONSUMER = 4001;
    public static final int UNAUTHORIZED = 4401;
    public static final int AUTH_TIMEOUT = 4408;
    public static final int RATE_LIMITED = 4429;

    private CloseCodes() {
    }
}
