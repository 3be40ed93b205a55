package org.wspubsub.core.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request to an {@link HttpEndpoint}. Immutable.
 *
 * @param method          the method, upper case ({@code GET}, {@code POST})
 * @param path            the path without the query string
 * @param headers         the headers, names in lower case
 * @param queryParameters the decoded query parameters
 * @param body            the body (empty when none); not copied, do not modify
 * @param remoteAddress   the peer's {@code host:port}
 */
public record HttpRequest(String method, String path, Map<String, List<String>> headers,
                          Map<String, List<String>> queryParameters, byte[] body, String remoteAddress) {

    public HttpRequest {
        headers = Map.copyOf(headers);
        queryParameters = Map.copyOf(queryParameters);
    }

    /** The first value of a header; the name is case-insensitive. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
