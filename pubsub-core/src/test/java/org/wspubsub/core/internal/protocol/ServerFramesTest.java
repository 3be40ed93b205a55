package org.wspubsub.core.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The replies written field by field are the text Jackson writes for the same trees. */
class ServerFramesTest {

    private final JsonCodec codec = new JsonCodec(65_536);
    private final ServerFrames frames = new ServerFrames(codec);
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    @Test
    void writesEveryReplyAsJacksonWouldForTheSameTree() {
        List<JsonNode> ids = new ArrayList<>(List.of(nodes.textNode("r-1"), nodes.numberNode(7), nodes.numberNode(-9_000_000_000L),
                nodes.numberNode(new BigInteger("123456789012345678901234567890")), nodes.numberNode(2.5),
                nodes.numberNode(1e300), nodes.numberNode(new BigDecimal("1E+3"))));
        ids.add(null);
        for (String text : awkwardStrings()) {
            ids.add(nodes.textNode(text));
        }
        for (JsonNode id : ids) {
            for (String text : awkwardStrings()) {
                assertThat(frames.authSuccess(id, text, "s-" + text))
                        .isEqualTo(jackson(start("auth.success", id).put("userId", text).put("sessionId", "s-" + text)));
                assertThat(frames.subscribed(id, List.of(text, "b")))
                        .isEqualTo(jackson(topics(start("subscribed", id), text, "b")));
                assertThat(frames.error(ErrorCode.BAD_REQUEST, text, id, text)).isEqualTo(jackson(error(text, id, text)));
            }
            assertThat(frames.unsubscribed(id, List.of())).isEqualTo(jackson(topics(start("unsubscribed", id))));
            assertThat(frames.published(id)).isEqualTo(jackson(start("published", id)));
            assertThat(frames.pong(id)).isEqualTo(jackson(start("pong", id)));
            assertThat(frames.error(ErrorCode.BAD_REQUEST, "no topic", id, null)).isEqualTo(jackson(error("no topic", id, null)));
        }
    }

    @Test
    void escapesWhatJsonRequiresAndNothingElse() {
        assertThat(frames.error(ErrorCode.BAD_REQUEST, "a\"b\\c\n\u0001\u001f\u007f é \u2028 😀", null, null))
                .isEqualTo("{\"type\":\"error\",\"code\":\"" + ErrorCode.BAD_REQUEST.wire()
                        + "\",\"message\":\"a\\\"b\\\\c\\n\\u0001\\u001F\u007f é \u2028 😀\"}");
    }

    private List<String> awkwardStrings() {
        List<String> texts = new ArrayList<>(List.of("", "plain", "quote\"d", "back\\slash", "line\nbreak\r\ttab\b\f",
                "\u0000\u0007\u001f", "é ü 中文 😀", "\u2028\u2029", "/slash/", "lone \uD800 surrogate \uDC00"));
        Random random = new Random(42);
        for (int n = 0; n < 20; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                s.append((char) random.nextInt(n % 2 == 0 ? 0x80 : 0xD800));
            }
            texts.add(s.toString());
        }
        return texts;
    }

    private ObjectNode start(String type, JsonNode id) {
        ObjectNode o = nodes.objectNode().put("type", type);
        if (id != null) {
            o.set("id", id);
        }
        return o;
    }

    private ObjectNode topics(ObjectNode o, String... topics) {
        var array = o.putArray("topics");
        for (String topic : topics) {
            array.add(topic);
        }
        return o;
    }

    private ObjectNode error(String message, JsonNode id, String topic) {
        ObjectNode o = nodes.objectNode().put("type", "error").put("code", ErrorCode.BAD_REQUEST.wire()).put("message", message);
        if (id != null) {
            o.set("id", id);
        }
        if (topic != null) {
            o.put("topic", topic);
        }
        return o;
    }

    private String jackson(ObjectNode tree) {
        return codec.write(tree);
    }
}
