package org.wspubsub.api.adapter.kit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.api.adapter.BrokerListener;
import org.wspubsub.api.adapter.BrokerMessage;

/**
 * A {@link BrokerListener} that records what it receives, for the contract kit. Thread-safe:
 * adapters call it from their own threads, tests read it through Awaitility.
 */
public final class RecordingBrokerListener implements BrokerListener {

    private final List<BrokerMessage> messages = new CopyOnWriteArrayList<>();
    private final List<AdapterState> states = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(BrokerMessage message) {
        messages.add(message);
    }

    @Override
    public void onStateChange(AdapterState previous, AdapterState current) {
        states.add(current);
    }

    public List<BrokerMessage> messages() {
        return List.copyOf(messages);
    }

    /** The payloads received, decoded as UTF-8, in arrival order. */
    public List<String> payloads() {
        List<String> out = new ArrayList<>();
        for (BrokerMessage m : messages) {
            out.add(new String(m.payload(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The payloads received on {@code topic}. */
    public List<String> payloads(String topic) {
        List<String> out = new ArrayList<>();
        for (BrokerMessage m : messages) {
            if (m.topic().equals(topic)) {
                out.add(new String(m.payload(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    public List<AdapterState> states() {
        return List.copyOf(states);
    }
}
