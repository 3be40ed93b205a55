package org.wspubsub.core.internal.endpoint;

/**
 * Hands what the standalone server learned about an upgrade before the endpoint saw it (the
 * request's snapshot, with the peer's address, and the context its guard authenticated) to the
 * endpoint's {@code onOpen}, on the upgrading thread. The session's user properties would do the
 * same, at the cost of a hash table that the session keeps, emptied, for its whole life.
 *
 * <p>It relies on one fact of the standalone server: its upgrader runs Tyrus's handshake (and so
 * the configurator's {@code modifyHandshake}) and then opens the connection (and so the endpoint's
 * {@code onOpen}) on one thread, inside the calls it makes, between {@link #offer} and
 * {@link #clear}. A host's own container never offers anything; there the configurator leaves a
 * {@link HandshakeData} in the user properties as before.
 *
 * <p>One instance per service, shared by the upgrader, the configurator and the endpoint.
 * Thread-confined: each thread sees only what it offered itself.
 */
public final class HandshakeHandOff {

    private final ThreadLocal<HandshakeData> opening = new ThreadLocal<>();

    /** Makes {@code data} the upgrade in progress on this thread, until {@link #clear}. */
    public void offer(HandshakeData data) {
        opening.set(data);
    }

    /** Ends the upgrade in progress on this thread, whether or not the endpoint took it. */
    public void clear() {
        opening.remove();
    }

    /** The upgrade in progress on this thread, or null when none was offered (a host's container). */
    HandshakeData pending() {
        return opening.get();
    }

    /** The upgrade in progress on this thread, once: a second call returns null. */
    HandshakeData take() {
        HandshakeData data = opening.get();
        if (data != null) {
            opening.remove();
        }
        return data;
    }
}
