package org.wspubsub.core.internal.endpoint;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.wspubsub.api.HandshakeRequest;

/**
 * An immutable snapshot of an upgrade request. Header names are lower case; the headers that only
 * serve the upgrade are left out (see {@link KnownHeaders}). Every connection keeps one for its whole
 * life, so it holds its headers and query parameters as two arrays of name/value pairs and builds
 * the map views only when they are asked for. Thread-safe.
 */
public final class SimpleHandshakeRequest implements HandshakeRequest {

    private final String path;
    /** Header names (lower case) and values, in pairs (see {@link NamedValues#toArray()}). */
    private final String[] headers;
    /** Query parameter names and values, in pairs. */
    private final String[] queryParameters;
    private final String remoteAddress;

    private SimpleHandshakeRequest(String path, String[] headers, String[] queryParameters, String remoteAddress) {
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
        return new SimpleHandshakeRequest(path, KnownHeaders.keptForTheConnection(headers).toArray(), query.toArray(),
                remoteAddress);
    }

    /**
     * A snapshot from pairs collected as the connection keeps them: header names lower case and
     * filtered through {@link KnownHeaders#kept}, query parameters decoded.
     */
    public static SimpleHandshakeRequest ofKept(String path, NamedValues headers, NamedValues queryParameters,
                                                String remoteAddress) {
        return new SimpleHandshakeRequest(path, headers.toArray(), queryParameters.toArray(), remoteAddress);
    }

    @Override
    public String path() {
        return path;
    }

    /** Built on each call: the snapshot keeps only its pairs. */
    @Override
    public Map<String, List<String>> headers() {
        return NamedValues.toMap(headers);
    }

    /** Built on each call: the snapshot keeps only its pairs. */
    @Override
    public Map<String, List<String>> queryParameters() {
        return NamedValues.toMap(queryParameters);
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(NamedValues.first(headers, name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(NamedValues.first(queryParameters, name));
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
