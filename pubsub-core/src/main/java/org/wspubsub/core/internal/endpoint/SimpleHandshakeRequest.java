package org.wspubsub.core.internal.endpoint;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.wspubsub.api.HandshakeRequest;

/**
 * An immutable snapshot of an upgrade request. Header names are lower case; the headers that only
 * serve the upgrade are left out (see {@link KnownHeaders}).
 *
 * @param path            the request path
 * @param headers         the headers, names in lower case
 * @param queryParameters the decoded query parameters
 * @param remoteAddress   {@code host:port} or {@code "unknown"}
 */
public record SimpleHandshakeRequest(String path, Map<String, List<String>> headers,
                                     Map<String, List<String>> queryParameters, String remoteAddress)
        implements HandshakeRequest {

    public SimpleHandshakeRequest {
        headers = KnownHeaders.keptForTheConnection(headers);
        queryParameters = immutableCopy(queryParameters);
    }

    private static Map<String, List<String>> immutableCopy(Map<String, List<String>> parameters) {
        if (parameters.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new java.util.HashMap<>();
        parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Map.copyOf(copy);
    }

    @Override
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    @Override
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    @Override
    public Optional<String> origin() {
        return header("origin");
    }

    @Override
    public String toString() {
        return "HandshakeRequest[path=" + path + ", remote=" + remoteAddress + "]";
    }
}
