package org.wspubsub.examples.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.http.HttpEndpoint;
import org.wspubsub.core.http.HttpRequest;
import org.wspubsub.core.http.HttpResponse;

/**
 * {@code GET /health}: {@code 200 {"status":"ok","connections":N,"node":…,"adapter":"UP"}}, or
 * {@code 503} with a reason while the broker adapter is not up. Thread-safe.
 */
public final class HealthEndpoint implements HttpEndpoint {

    private final WebSocketService service;

    public HealthEndpoint(WebSocketService service) {
        this.service = service;
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        AdapterState adapter = service.adapterState();
        Map<String, Object> body = new LinkedHashMap<>();
        boolean up = adapter == AdapterState.UP && service.isRunning();
        body.put("status", up ? "ok" : "unavailable");
        body.put("connections", service.connectionCount());
        body.put("node", service.nodeId());
        body.put("adapter", adapter.name());
        if (!up) {
            body.put("reason", service.isRunning()
                    ? "the " + service.adapter().name() + " broker adapter is " + adapter
                    : "the service is not running");
        }
        return CompletableFuture.completedFuture(Json.answer(up ? 200 : 503, body));
    }
}
