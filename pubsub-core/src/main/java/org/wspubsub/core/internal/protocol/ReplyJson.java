package org.wspubsub.core.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;

/**
 * Writes one reply object's JSON text field by field, as Jackson would write the same tree (same
 * order, same escapes: quote, backslash and control characters; everything else as it is), but
 * without building the tree and a generator for it: a reply is a few short fields, and building
 * them through Jackson cost several times the reply's own size in garbage. Used by
 * {@link ServerFrames}; one instance per reply, on the thread that builds it.
 */
final class ReplyJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final JsonCodec codec;
    private final StringBuilder out = new StringBuilder(96);

    /** Opens an object whose first field is {@code "type"}. */
    ReplyJson(JsonCodec codec, String type) {
        this.codec = codec;
        out.append("{\"type\":");
        string(type);
    }

    /** Adds a string field. */
    ReplyJson field(String name, String value) {
        name(name);
        string(value);
        return this;
    }

    /** Adds the request's {@code id} as the client sent it (a string or a number), or nothing for null. */
    ReplyJson id(JsonNode id) {
        if (id == null) {
            return this;
        }
        name("id");
        if (id.isTextual()) {
            string(id.textValue());
        } else if (id.isIntegralNumber()) {
            out.append(id.asText());
        } else {
            out.append(codec.write(id)); // a fraction or exponent: Jackson's own number format
        }
        return this;
    }

    /** Adds an array of strings. */
    ReplyJson strings(String name, Collection<String> values) {
        name(name);
        out.append('[');
        boolean first = true;
        for (String value : values) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(value);
        }
        out.append(']');
        return this;
    }

    /** Closes the object and returns its text. */
    String end() {
        return out.append('}').toString();
    }

    private void name(String name) {
        out.append(',');
        string(name);
        out.append(':');
    }

    private void string(String value) {
        out.append('"');
        int plainFrom = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(value, plainFrom, value.length()).append('"');
    }
}
