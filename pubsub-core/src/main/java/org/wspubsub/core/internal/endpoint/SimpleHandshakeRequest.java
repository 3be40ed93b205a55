package org.wspubsub.core.internal.endpoint;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.wspubsub.api.HandshakeRequest;

/**
 * An immutable snapshot of an upgrade request. Header names are lower case; the headers that only
 * serve the upgrade are left out (see {@link KnownHeaders}). Thread-safe.
 */
public final class SimpleHandshakeRequest implements HandshakeRequest {

    private final String path;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> queryParameters;
    private final String remoteAddress;

    private SimpleHandshakeRequest(String path, Map<String, List<String>> headers,
                                   Map<String, List<String>> queryParameters, String remoteAddress) {
        this.path = path;
        this.headers = headers;
        this.queryParameters = queryParameters;
        this.remoteAddress = remoteAddress;
    }

    /**
     * A snapshot of any request: the headers are filtered, lower-cased and copied (see
     * {@link KnownHeaders}), the query parameters copied.
     *
     * @param path            the request path
     * @param headers         the headers, names in any case
     * @param queryParameters the decoded query parameters
     * @param remoteAddress   {@code host:port} or {@code "unknown"}
     */
    public static SimpleHandshakeRequest of(String path, Map<String, List<String>> headers,
                                            Map<String, List<String>> queryParameters, String remoteAddress) {
        NamedValues query = new NamedValues();
        queryParameters.forEach((name, values) -> values.forEach(value -> query.add(name, value)));
        return new SimpleHandshakeRequest(path, KnownHeaders.keptForTheConnection(headers), query.toMap(),
                remoteAddress);
    }

    /**
     * A snapshot from pairs collected as the connection keeps them: header names lower case and
     * filtered through {@link KnownHeaders#kept}, query parameters decoded.
     */
    public static SimpleHandshakeRequest ofKept(String path, NamedValues headers, NamedValues queryParameters,
                                                String remoteAddress) {
        return new SimpleHandshakeRequest(path, headers.toMap(), queryParameters.toMap(), remoteAddress);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return queryParameters;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
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
