package org.wspubsub.core.internal.endpoint;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The open connections of one service, by id, with a count per remote IP address. Thread-safe. */
public final class ConnectionRegistry {

    private final ConcurrentHashMap<String, ClientConnection> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();

    void add(ClientConnection connection) {
        if (connections.put(connection.id(), connection) == null) {
            perAddress.merge(ipOf(connection.remoteAddress()), 1, Integer::sum);
        }
    }

    /** Removes {@code connection}; returns whether it was registered (a refused connection never is). */
    boolean remove(ClientConnection connection) {
        if (connections.remove(connection.id(), connection)) {
            perAddress.computeIfPresent(ipOf(connection.remoteAddress()), (ip, n) -> n <= 1 ? null : n - 1);
            return true;
        }
        return false;
    }

    /** Open connections from the IP address of {@code remoteAddress} ({@code host:port}); 0 when unknown. */
    public int countFrom(String remoteAddress) {
        String ip = ipOf(remoteAddress);
        return ip.equals("unknown") ? 0 : perAddress.getOrDefault(ip, 0);
    }

    /** The IP part of {@code host:port} (IPv6 hosts contain colons too, so the port is after the last one). */
    static String ipOf(String remoteAddress) {
        int colon = remoteAddress.lastIndexOf(':');
        return colon <= 0 ? remoteAddress : remoteAddress.substring(0, colon);
    }

    public int size() {
        return connections.size();
    }

    /** A snapshot of the open connections. */
    public Collection<ClientConnection> snapshot() {
        return List.copyOf(connections.values());
    }
}
