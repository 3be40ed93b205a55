package org.wspubsub.examples.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.wspubsub.core.http.HttpEndpoint;
import org.wspubsub.core.http.HttpRequest;
import org.wspubsub.core.http.HttpResponse;

/**
 * Serves the browser demo from the class path folder {@code web/}: {@code /} is
 * {@code index.html}; only the files listed in {@link #FILES} exist, anything else is 404.
 * Thread-safe.
 */
public final class StaticResources implements HttpEndpoint {

    /** Path → content type of every file served. */
    public static final Map<String, String> FILES = Map.of(
            "/index.html", "text/html; charset=utf-8",
            "/demo.js", "text/javascript; charset=utf-8",
            "/pubsub-client.js", "text/javascript; charset=utf-8",
            "/demo.css", "text/css; charset=utf-8");

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        String path = request.path().equals("/") ? "/index.html" : request.path();
        String type = FILES.get(path);
        if (type == null || !request.method().equals("GET")) {
            return CompletableFuture.completedFuture(Json.answer(404, Map.of("error", "not found")));
        }
        try (InputStream in = StaticResources.class.getResourceAsStream("/web" + path)) {
            if (in == null) {
                return CompletableFuture.completedFuture(Json.answer(404, Map.of("error", "not found")));
            }
            return CompletableFuture.completedFuture(
                    new HttpResponse(200, type, in.readAllBytes(), Map.of("Cache-Control", "no-cache")));
        } catch (IOException e) {
            return CompletableFuture.completedFuture(Json.answer(500, Map.of("error", "could not read " + path)));
        }
    }
}
