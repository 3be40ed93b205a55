package org.wspubsub.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A light WebSocket listener for load tests with many clients: notes the {@code subscribed} reply,
 * counts {@code tick} deliveries and records any tick whose {@code seq} is not above the last one
 * of the same publisher {@code p} (a duplicate or a reordering). Loss shows in {@link #received}.
 * Called on the JDK client's threads.
 */
public final class CountingListener implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    public volatile boolean subscribed;
    public final AtomicInteger received = new AtomicInteger();
    public final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final Map<Integer, Integer> lastSeqByPublisher = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (text.contains("\"subscribed\"")) {
                subscribed = true;
            } else if (text.contains("\"tick\"")) {
                check(text);
            }
        }
        webSocket.request(1);
        return null;
    }

    private void check(String text) {
        try {
            JsonNode frame = JSON.readTree(text);
            int publisher = frame.path("p").asInt();
            int seq = frame.path("seq").asInt();
            Integer previous = lastSeqByPublisher.put(publisher, seq);
            if (previous != null && seq <= previous) {
                problems.add("publisher " + publisher + ": " + seq + " after " + previous);
            }
            received.incrementAndGet();
        } catch (Exception e) {
            problems.add("unparseable " + text);
        }
    }
}
