package org.wspubsub.core.http;

import java.util.concurrent.CompletionStage;

/**
 * A plain HTTP handler served by the standalone server on the WebSocket port (health checks,
 * metrics scrapes, an HTTP publish endpoint). Registered with
 * {@code WebSocketService.builder().httpEndpoint(path, endpoint)} for an exact path.
 *
 * <p>Called on the service's callback executor, never on an I/O thread, with the whole request
 * body already read (at most {@code maxPayloadSize} bytes; larger bodies get 413 without a call).
 * Return quickly and complete the stage later for slow work; an exception, a failed stage or no
 * answer within {@code callbackTimeout} produces a 500 or 503 with a JSON reason.
 */
@FunctionalInterface
public interface HttpEndpoint {

    CompletionStage<HttpResponse> handle(HttpRequest request);
}
