package org.wspubsub.api.adapter;

import java.util.Objects;

/**
 * One publication travelling between nodes: the concrete topic, the delivery frame already encoded
 * as UTF-8 JSON (encoded once on the publishing node; receiving nodes write it to their clients as
 * it is), and the id of the node that published it.
 *
 * <p>Immutable by contract: neither the adapter nor the node modifies {@link #payload()}; it is
 * shared without copying to keep the publish path allocation-light. Thread-safe.
 */
public final class BrokerMessage {

    private final String topic;
    private final byte[] payload;
    private final String originNodeId;

    private BrokerMessage(String topic, byte[] payload, String originNodeId) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.originNodeId = Objects.requireNonNull(originNodeId, "originNodeId");
    }

    /**
     * A publication.
     *
     * @param topic        the concrete topic
     * @param payload      the encoded delivery frame (UTF-8 JSON); not copied, must not be modified
     * @param originNodeId the id of the publishing node
     */
    public static BrokerMessage of(String topic, byte[] payload, String originNodeId) {
        return new BrokerMessage(topic, payload, originNodeId);
    }

    public String topic() {
        return topic;
    }

    /** The encoded delivery frame. Shared, not copied: never modify it. */
    public byte[] payload() {
        return payload;
    }

    public String originNodeId() {
        return originNodeId;
    }

    @Override
    public String toString() {
        return "BrokerMessage[topic=" + topic + ", bytes=" + payload.length + ", origin=" + originNodeId + "]";
    }
}
