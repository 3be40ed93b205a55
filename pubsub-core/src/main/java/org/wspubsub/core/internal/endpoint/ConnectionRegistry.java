package org.wspubsub.core.internal.endpoint;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The open connections of one service, by id. Thread-safe. */
public final class ConnectionRegistry {

    private final ConcurrentHashMap<String, ClientConnection> connections = new ConcurrentHashMap<>();

    void add(ClientConnection connection) {
        connections.put(connection.id(), connection);
    }

    void remove(ClientConnection connection) {
        connections.remove(connection.id(), connection);
    }

    public int size() {
        return connections.size();
    }

    /** A snapshot of the open connections. */
    public Collection<ClientConnection> snapshot() {
        return List.copyOf(connections.values());
    }
}
