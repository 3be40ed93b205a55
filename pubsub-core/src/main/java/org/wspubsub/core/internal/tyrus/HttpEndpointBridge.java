package org.wspubsub.core.internal.tyrus;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.io.NIOInputStream;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.core.http.HttpEndpoint;
import org.wspubsub.core.http.HttpRequest;
import org.wspubsub.core.http.HttpResponse;
import org.wspubsub.core.internal.endpoint.EndpointRuntime;
import org.wspubsub.core.internal.endpoint.QueryStrings;
import org.wspubsub.core.internal.host.HostCallbacks;

/**
 * Serves one {@link HttpEndpoint} through Grizzly: reads the body without blocking (refusing more
 * than maxPayloadSize with 413), suspends the response, runs the endpoint on the callback executor
 * with the callback timeout, then writes its answer. Runs on Grizzly worker threads only to set
 * things up; nothing here blocks.
 */
final class HttpEndpointBridge extends HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(HttpEndpointBridge.class);

    private final String path;
    private final HttpEndpoint endpoint;
    private final EndpointRuntime runtime;

    HttpEndpointBridge(String path, HttpEndpoint endpoint, EndpointRuntime runtime) {
        this.path = path;
        this.endpoint = endpoint;
        this.runtime = runtime;
    }

    @Override
    public void service(Request request, Response response) {
        int max = runtime.config().maxPayloadSize();
        if (request.getContentLengthLong() > max) {
            write(response, tooLargeAnswer(max));
            return;
        }
        response.suspend();
        if (request.getContentLengthLong() <= 0 && !request.getRequest().isChunked()) {
            // no body; waiting for "all data" would never end on a request that also asks for an upgrade (h2c)
            dispatch(request, response, new byte[0]);
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long expected = request.getContentLengthLong();
        java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
        NIOInputStream in = request.getNIOInputStream();
        in.notifyAvailable(new ReadHandler() {
            @Override
            public void onDataAvailable() {
                if (!drain(in, body, max)) {
                    tooLarge();
                } else if (expected > 0 && body.size() >= expected) {
                    // a known length is complete: do not wait for an end-of-input that an upgrade request never sends
                    complete();
                } else {
                    in.notifyAvailable(this);
                }
            }

            @Override
            public void onAllDataRead() {
                if (!drain(in, body, max)) {
                    tooLarge();
                } else {
                    complete();
                }
            }

            @Override
            public void onError(Throwable t) {
                log.debug("reading the body for {} failed: {}", path, t.toString());
                if (answered.compareAndSet(false, true)) {
                    finish(response, HttpResponse.json(400, "{\"error\":\"the request body could not be read\"}"));
                }
            }

            private void tooLarge() {
                if (answered.compareAndSet(false, true)) {
                    finish(response, tooLargeAnswer(max));
                }
            }

            private void complete() {
                if (answered.compareAndSet(false, true)) {
                    dispatch(request, response, body.toByteArray());
                }
            }
        });
    }

    private static HttpResponse tooLargeAnswer(int max) {
        return HttpResponse.json(413, "{\"error\":\"body larger than " + max + " bytes\"}");
    }

    private static boolean drain(NIOInputStream in, ByteArrayOutputStream body, int max) {
        if (in.readyData() <= 0) {
            return body.size() <= max;
        }
        Buffer buffer = in.readBuffer();
        try {
            int n = buffer.remaining();
            if (body.size() + n > max) {
                return false;
            }
            byte[] chunk = new byte[n];
            buffer.get(chunk);
            body.write(chunk, 0, n);
            return true;
        } finally {
            buffer.tryDispose();
        }
    }

    private void dispatch(Request request, Response response, byte[] body) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : request.getHeaderNames()) {
            List<String> values = new ArrayList<>();
            request.getHeaders(name).forEach(values::add);
            headers.put(name.toLowerCase(Locale.ROOT), values);
        }
        HttpRequest httpRequest = new HttpRequest(request.getMethod().getMethodString().toUpperCase(Locale.ROOT),
                request.getRequestURI(), headers, QueryStrings.parse(request.getQueryString()), body,
                request.getRemoteAddr() + ":" + request.getRemotePort());
        runtime.callbacks().call("httpEndpoint " + path, httpRequest.remoteAddress(), () -> endpoint.handle(httpRequest))
                .whenComplete((answer, error) -> {
                    if (error != null || answer == null) {
                        Throwable failure = error instanceof java.util.concurrent.CompletionException
                                && error.getCause() != null ? error.getCause() : error;
                        boolean timedOut = failure != null
                                && failure.getCause() instanceof java.util.concurrent.TimeoutException;
                        finish(response, timedOut
                                ? HttpResponse.json(503, "{\"error\":\"the handler did not answer in time\"}")
                                : HostCallbacks.isRejected(failure)
                                ? HttpResponse.json(503, "{\"error\":\"the server is busy; try again later\"}")
                                : HttpResponse.json(500, "{\"error\":\"the handler failed\"}"));
                    } else {
                        finish(response, answer);
                    }
                });
    }

    private static void finish(Response response, HttpResponse answer) {
        try {
            write(response, answer);
        } finally {
            response.resume();
        }
    }

    private static void write(Response response, HttpResponse answer) {
        try {
            response.setStatus(answer.status());
            answer.headers().forEach(response::setHeader);
            if (answer.contentType() != null) {
                response.setContentType(answer.contentType());
            }
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        } catch (java.io.IOException | RuntimeException e) {
            log.debug("writing an HTTP answer failed: {}", e.toString());
        }
    }
}
