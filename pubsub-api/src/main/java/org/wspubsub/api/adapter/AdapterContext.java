package org.wspubsub.api.adapter;

/**
 * What a node gives its adapter at {@link BrokerAdapter#start(AdapterContext)}.
 *
 * @param nodeId   this node's id, unique in the cluster; publications carry it as their origin
 * @param listener where the adapter delivers what arrives for this node
 */
public record AdapterContext(String nodeId, BrokerListener listener) {

    public AdapterContext {
        java.util.Objects.requireNonNull(nodeId, "nodeId");
        java.util.Objects.requireNonNull(listener, "listener");
    }
}
