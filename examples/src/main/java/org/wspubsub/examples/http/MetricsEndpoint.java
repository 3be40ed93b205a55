package org.wspubsub.examples.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.wspubsub.core.http.HttpEndpoint;
import org.wspubsub.core.http.HttpRequest;
import org.wspubsub.core.http.HttpResponse;

/** {@code GET /metrics}: the Prometheus text exposition of a Micrometer registry. Thread-safe. */
public final class MetricsEndpoint implements HttpEndpoint {

    private final PrometheusMeterRegistry registry;

    public MetricsEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        return CompletableFuture.completedFuture(
                HttpResponse.text(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    }
}
