package org.wspubsub.api;

import java.util.concurrent.CompletionStage;

/**
 * What business services use to publish to WebSocket clients: inject this interface, not the
 * implementation.
 *
 * <p>A publication reaches every connection, on every node of the cluster, that holds a matching
 * subscription, as exactly one frame per connection however many of its subscriptions match
 * (see {@code docs/protocol.md}, "Deliveries").
 *
 * <p>Thread-safe: call it from any thread. It never blocks on a slow client or on the broker;
 * everything that can wait is reported through the returned stage.
 */
public interface IWebSocketService {

    /**
     * Publishes {@code message} to {@code topic}.
     *
     * <p>If {@code message} serializes to a JSON object with a string {@code type}, its fields are
     * delivered as they are, with {@code topic} set by the server; anything else is wrapped as
     * {@code {"type":"message","topic":…,"data":<message>}}. Messages are serialized with Jackson
     * (maps, lists, records, POJOs, strings, numbers); a {@code String} is a JSON string value, not
     * pre-encoded JSON.
     *
     * <p>The publication is encoded once, handed to the outbound queue of every matching local
     * connection, and handed to the broker adapter for the other nodes. Publications of one
     * thread on one topic reach every subscriber in the order they were published.
     *
     * @param topic   a concrete topic (no wildcards), for example {@code user.42.notifications}
     * @param message the message; not null
     * @return a stage that completes when every local subscriber's queue and the adapter have the
     *     publication. It fails with {@link IllegalArgumentException} for an invalid topic, a
     *     reserved {@code type}, a message that cannot be serialized, or one whose frame is larger
     *     than the node's per-connection outbound queue bound (no subscriber could receive it; it
     *     is delivered to no one); with
     *     {@link AdapterUnavailableException} when the broker cannot take it (local subscribers
     *     still received it); with {@link IllegalStateException} when the service is not running.
     *     It never throws: every failure arrives through the stage.
     */
    CompletionStage<Void> publish(String topic, Object message);

    /** The number of open WebSocket connections on this node. */
    int connectionCount();
}
