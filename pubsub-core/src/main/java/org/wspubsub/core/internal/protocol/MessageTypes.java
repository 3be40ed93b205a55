package org.wspubsub.core.internal.protocol;

import java.util.Set;

/** The {@code type} values of protocol v1. */
public final class MessageTypes {
    public static final String AUTH = "auth";
    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
    public static final String PUBLISH = "publish";
    public static final String PING = "ping";

    public static final String AUTH_SUCCESS = "auth.success";
    public static final String SUBSCRIBED = "subscribed";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String PUBLISHED = "published";
    public static final String PONG = "pong";
    public static final String ERROR = "error";
    public static final String MESSAGE = "message";

    /** Server control types: no publication may use them as its {@code type}. */
    public static final Set<String> RESERVED = Set.of(AUTH_SUCCESS, SUBSCRIBED, UNSUBSCRIBED, PUBLISHED, PONG, ERROR);

    /** The client request types the core understands. */
    public static final Set<String> CLIENT_REQUESTS = Set.of(AUTH, SUBSCRIBE, UNSUBSCRIBE, PUBLISH, PING);

    private MessageTypes() {
    }
}
