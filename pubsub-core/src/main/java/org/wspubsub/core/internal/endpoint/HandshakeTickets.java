package org.wspubsub.core.internal.endpoint;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.wspubsub.api.ConnectionContext;

/**
 * Hands what a component in front of the endpoint learned about an upgrade request (the peer's
 * address, the context it authenticated) to the endpoint's configurator, through a random ticket
 * id carried in a request header that the component sets and strips from client input.
 *
 * <p>Tickets that are never claimed (the upgrade failed after the filter) expire. Thread-safe.
 */
public final class HandshakeTickets {

    /** The request header that carries a ticket id from the filter to the configurator. */
    public static final String HEADER = "x-wspubsub-ticket";

    private static final long EXPIRY_NANOS = 60_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, Ticket> tickets = new ConcurrentHashMap<>();

    /**
     * What is known about one upgrade request before the endpoint sees it.
     *
     * @param onUpgrade what the component in front wants done once the upgrade really happens (for
     *                  the standalone server: switch the connection's idle timeout off)
     */
    public record Ticket(String remoteAddress, Optional<ConnectionContext> context, Runnable onUpgrade,
                         long createdNanos) { }

    /** Stores a ticket and returns its id. */
    public String issue(String remoteAddress, Optional<ConnectionContext> context, Runnable onUpgrade) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        tickets.put(id, new Ticket(remoteAddress, context, onUpgrade, System.nanoTime()));
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
