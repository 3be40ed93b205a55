package org.wspubsub.examples.service;

import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.wspubsub.api.IWebSocketService;

/**
 * A business service as a host application writes it: it gets {@link IWebSocketService} by
 * constructor injection and publishes, knowing nothing of WebSockets, nodes or brokers.
 * Thread-safe.
 */
public final class NotificationService {

    private final IWebSocketService ws;

    @Inject
    public NotificationService(IWebSocketService ws) {
        this.ws = Objects.requireNonNull(ws, "ws");
    }

    /** A notification for one user, on every tab and node: topic {@code user.{id}.notifications}. */
    public CompletionStage<Void> notifyUser(String userId, String title, String body) {
        return ws.publish("user." + userId + ".notifications", Map.of("type", "notification",
                "data", Map.of("title", title, "body", body, "at", Instant.now().toString())));
    }

    /** A broadcast to everyone: topic {@code system.announcements}. */
    public CompletionStage<Void> broadcast(String text) {
        return ws.publish("system.announcements", Map.of("type", "system_broadcast",
                "data", Map.of("text", text, "at", Instant.now().toString())));
    }

    /** A chat message to a room's members: topic {@code room.{room}.messages}. */
    public CompletionStage<Void> sendRoomMessage(String room, String fromUserId, String text) {
        return ws.publish("room." + room + ".messages", Map.of("type", "chat_message",
                "data", Map.of("room", room, "from", fromUserId, "text", text, "at", Instant.now().toString())));
    }
}
