package org.wspubsub.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.wspubsub.api.Connection;
import org.wspubsub.api.MetricsListener;
import org.wspubsub.api.adapter.AdapterState;

/** A metrics listener that records events as short strings ("slow:<id>", "disconnect:4001", …). Thread-safe. */
public class RecordingMetrics implements MetricsListener {

    public final List<String> events = new CopyOnWriteArrayList<>();
    public final List<Thread> threads = new CopyOnWriteArrayList<>();

    private void record(String event) {
        threads.add(Thread.currentThread());
        events.add(event);
    }

    public boolean has(String event) {
        return events.contains(event);
    }

    @Override
    public void onConnection(Connection connection) {
        record("connect");
    }

    @Override
    public void onDisconnect(Connection connection, int closeCode, String reason) {
        record("disconnect:" + closeCode);
    }

    @Override
    public void onMessage(Connection connection, String type) {
        record("message:" + type);
    }

    @Override
    public void onPublish(String topic, boolean fromThisNode) {
        record("publish:" + topic + ":" + (fromThisNode ? "local" : "remote"));
    }

    @Override
    public void onDeliver(String topic, int connections) {
        record("deliver:" + topic + ":" + connections);
    }

    @Override
    public void onSubscribe(Connection connection, String topic) {
        record("subscribe:" + topic);
    }

    @Override
    public void onUnsubscribe(Connection connection, String topic) {
        record("unsubscribe:" + topic);
    }

    @Override
    public void onSlowConsumer(Connection connection, long pendingBytes) {
        record("slow");
    }

    @Override
    public void onAuthFailure(String remoteAddress, String reason) {
        record("authFailure:" + reason);
    }

    @Override
    public void onAuthSuccess(Connection connection) {
        record("authSuccess:" + connection.userId().orElse("-"));
    }

    @Override
    public void onHandshakeRefused(String remoteAddress, int httpStatus, String reason) {
        record("refused:" + httpStatus);
    }

    @Override
    public void onError(Connection connection, String code) {
        record("error:" + code);
    }

    @Override
    public void onCallbackFailure(String callback, Throwable error) {
        record("callbackFailure:" + callback);
    }

    @Override
    public void onAdapterError(String description, Throwable error) {
        record("adapterError:" + description);
    }

    @Override
    public void onAdapterStateChange(AdapterState previous, AdapterState current) {
        record("adapter:" + current);
    }

    public List<String> snapshot() {
        return List.copyOf(events);
    }
}
