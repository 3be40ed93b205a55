package org.wspubsub.adapter.inmemory;

import java.util.concurrent.CopyOnWriteArrayList;
import org.wspubsub.api.adapter.BrokerMessage;

/**
 * A broker that lives in one JVM. Share one instance between several {@code WebSocketService}s
 * (each with its own {@link InMemoryAdapter}) to run a cluster in one process, as tests do.
 *
 * <p>Thread-safe. A publish is delivered synchronously, on the publisher's thread, to every other
 * attached node with a matching interest, so order per publishing thread holds trivially.
 */
public final class InMemoryBroker {

    private final CopyOnWriteArrayList<InMemoryAdapter> nodes = new CopyOnWriteArrayList<>();

    void attach(InMemoryAdapter node) {
        nodes.add(node);
    }

    void detach(InMemoryAdapter node) {
        nodes.remove(node);
    }

    void publish(BrokerMessage message, InMemoryAdapter from) {
        for (InMemoryAdapter node : nodes) {
            if (node != from) {
                node.deliverIfInterested(message);
            }
        }
    }
}
