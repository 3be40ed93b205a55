package org.wspubsub.api.adapter;

/** The state of a {@link BrokerAdapter}, as reported to the node and to the metrics listener. */
public enum AdapterState {
    /** Created or starting; not yet able to carry publications. */
    STARTING,
    /** Connected: publications are carried between nodes. */
    UP,
    /** The broker is unreachable: publishes fail fast, the adapter keeps trying to reconnect. */
    DOWN,
    /** Closed for good. */
    CLOSED
}
