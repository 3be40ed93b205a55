package org.wspubsub.core.internal.endpoint;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.HandshakeRequest;

/**
 * Hands what a component in front of the endpoint learned about an upgrade request (its snapshot,
 * with the peer's address, and the context it authenticated) to the endpoint's configurator,
 * through a ticket id carried in a request header that the component sets and strips from client
 * input.
 *
 * <p>An id is a random prefix drawn once per instance followed by a counter: unique, and not
 * guessable from outside even where the header could reach the configurator without the component
 * in front, at the cost of one counter increment per upgrade (a {@link SecureRandom} draw per
 * upgrade serialized a connection storm on its lock).
 *
 * <p>Tickets that are never claimed (the upgrade failed after the filter) expire. Thread-safe.
 */
public final class HandshakeTickets {

    /** The request header that carries a ticket id from the filter to the configurator. */
    public static final String HEADER = "x-wspubsub-ticket";

    private static final long EXPIRY_NANOS = 60_000_000_000L;

    private final ConcurrentHashMap<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final String prefix;
    private final AtomicLong issued = new AtomicLong();

    public HandshakeTickets() {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        prefix = HexFormat.of().formatHex(secret) + '-';
    }

    /**
     * What is known about one upgrade request before the endpoint sees it.
     *
     * @param request   the snapshot of the upgrade request, with the peer's address
     * @param context   the context the component in front authenticated, if it did
     */
    public record Ticket(HandshakeRequest request, Optional<ConnectionContext> context, long createdNanos) { }

    /** Stores a ticket and returns its id. */
    public String issue(HandshakeRequest request, Optional<ConnectionContext> context) {
        String id = prefix + Long.toHexString(issued.incrementAndGet());
        tickets.put(id, new Ticket(request, context, System.nanoTime()));
        return id;
    }

    /** Takes a ticket out; empty for an unknown or already claimed id. */
    public Optional<Ticket> claim(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(tickets.remove(id));
    }

    /** Drops tickets older than a minute. */
    public void expire() {
        long now = System.nanoTime();
        tickets.values().removeIf(t -> now - t.createdNanos() > EXPIRY_NANOS);
    }
}
