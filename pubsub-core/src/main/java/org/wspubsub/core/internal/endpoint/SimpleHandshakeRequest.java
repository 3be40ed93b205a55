package org.wspubsub.core.internal.endpoint;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * This request without the credentials it carried for the handshake: the {@code authorization}
     * and {@code cookie} headers (but those named in {@code keepHeaders}, lower case) and the
     * {@code token} query parameter. This same instance when it carries none.
     */
    public SimpleHandshakeRequest withoutCredentials(Set<String> keepHeaders) {
        String[] keptHeaders = without(headers, name -> KnownHeaders.credential(name) && !keepHeaders.contains(name));
        String[] keptQuery = without(queryParameters, TokenExtractor.QUERY_PARAMETER::equals);
        if (keptHeaders == headers && keptQuery == queryParameters) {
            return this;
        }
        return new SimpleHandshakeRequest(path, keptHeaders, keptQuery, remoteAddress);
    }

    /** {@code pairs} without the pairs whose name {@code drop} matches; {@code pairs} itself when none does. */
    private static String[] without(String[] pairs, java.util.function.Predicate<String> drop) {
        int dropped = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            if (drop.test(pairs[i])) {
                dropped++;
            }
        }
        if (dropped == 0) {
            return pairs;
        }
        String[] kept = new String[pairs.length - 2 * dropped];
        int at = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            if (!drop.test(pairs[i])) {
                kept[at++] = pairs[i];
                kept[at++] = pairs[i + 1];
            }
        }
        return kept;
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
