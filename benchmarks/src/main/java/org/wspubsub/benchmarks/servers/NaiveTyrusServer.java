package org.wspubsub.benchmarks.servers;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.tyrus.server.Server;

/**
 * The naive way to use our transport: Tyrus's standalone server and an endpoint that loops
 * {@code getAsyncRemote().sendText} over every session subscribed to the publication's topic (framing
 * every message once per socket). Same wire behaviour as {@link NettyBroadcastServer}.
 */
public final class NaiveTyrusServer implements AutoCloseable {

    private Server server;

    public int start(String host, int port) throws Exception {
        // Tyrus's standalone server reads port 0 as 8025; -1 means any free port
        server = new Server(host, port == 0 ? -1 : port, "/", Map.of("org.glassfish.tyrus.incomingBufferSize", 1 << 20),
                Endpoint.class);
        server.start();
        return server.getPort();
    }

    /** The endpoint; one instance per session, the subscriber set is shared. */
    @ServerEndpoint("/ws")
    public static final class Endpoint {
        static final Map<String, Set<Session>> TOPICS = new ConcurrentHashMap<>();

        @OnMessage
        public void onMessage(Session session, String text) {
            String head = text.substring(0, Math.min(text.length(), 120));
            if (head.contains("\"publish\"")) {
                for (Session s : TOPICS.getOrDefault(Topic.of(head, "\"topic\":\""), Set.of())) {
                    s.getAsyncRemote().sendText(text);
                }
            } else if (head.contains("\"subscribe\"")) {
                TOPICS.computeIfAbsent(Topic.of(head, "\"topics\":[\""), t -> ConcurrentHashMap.newKeySet()).add(session);
                session.getAsyncRemote().sendText("{\"type\":\"subscribed\"}");
            }
        }

        @OnClose
        public void onClose(Session session) {
            TOPICS.values().forEach(sessions -> sessions.remove(session));
        }
    }

    /**
     * Publishes in-process from the calling thread: {@code sendText} of {@code frame} to every
     * session subscribed to {@code topic}, the naive counterpart of a host's {@code IWebSocketService.publish}.
     */
    public static void publish(String topic, String frame) {
        for (Session s : Endpoint.TOPICS.getOrDefault(topic, Set.of())) {
            s.getAsyncRemote().sendText(frame);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }
}
