package org.wspubsub.core.internal.endpoint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Decodes {@code application/x-www-form-urlencoded} query strings. Stateless. */
public final class QueryStrings {

    private static final String TOKEN = "token";

    private QueryStrings() {
    }

    /** The parameters of {@code query} (without the leading {@code ?}); malformed escapes are kept as they are. */
    public static Map<String, List<String>> parse(String query) {
        NamedValues out = new NamedValues();
        parseInto(query, out);
        return out.toMap();
    }

    /** Adds the parameters of {@code query} (may be null) to {@code out}, in order. */
    public static void parseInto(String query, NamedValues out) {
        if (query == null || query.isEmpty()) {
            return;
        }
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            if (end > start) {
                int eq = query.indexOf('=', start);
                boolean hasValue = eq >= 0 && eq < end;
                String name = canonical(decode(query.substring(start, hasValue ? eq : end)));
                out.add(name, hasValue ? decode(query.substring(eq + 1, end)) : "");
            }
            start = end + 1;
        }
    }

    /** The protocol's own parameter name as one shared instance (every connection's snapshot keeps it). */
    private static String canonical(String name) {
        return TOKEN.equals(name) ? TOKEN : name;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }
}
