package org.wspubsub.core.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The multimaps a handshake snapshot keeps, and the query strings parsed into them. */
class NamedValuesTest {

    @Test
    void groupsRepeatedNamesInOrderAndIsImmutable() {
        NamedValues pairs = new NamedValues();
        for (int i = 0; i < 20; i++) { // past the first array's size
            pairs.add("n" + (i % 3), "v" + i);
        }
        pairs.add("single", "only");
        Map<String, List<String>> map = pairs.toMap();
        assertThat(map).containsOnlyKeys("n0", "n1", "n2", "single");
        assertThat(map.get("n0")).containsExactly("v0", "v3", "v6", "v9", "v12", "v15", "v18");
        assertThat(map.get("n2")).containsExactly("v2", "v5", "v8", "v11", "v14", "v17");
        assertThat(map.get("single")).containsExactly("only");
        assertThatThrownBy(() -> map.put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.get("n0").add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new NamedValues().toMap()).isEmpty();
    }

    @Test
    void parsesQueryStringsWithEmptyPairsMissingValuesAndEscapes() {
        assertThat(QueryStrings.parse("token=a%20b&x&&y=1&y=2&=v&bad=%zz&plus=a+b&"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("token", List.of("a b"), "x", List.of(""),
                        "y", List.of("1", "2"), "", List.of("v"), "bad", List.of("%zz"), "plus", List.of("a b")));
        assertThat(QueryStrings.parse("")).isEmpty();
        assertThat(QueryStrings.parse(null)).isEmpty();
        assertThat(QueryStrings.parse("token=t")).isEqualTo(Map.of("token", List.of("t")));
    }

    @Test
    void keepsOnlyTheHeadersThatOutliveTheUpgradeWithLowerCaseNames() {
        SimpleHandshakeRequest request = SimpleHandshakeRequest.of("/ws",
                Map.of("Cookie", List.of("a=1", "b=2"), "Sec-WebSocket-Key", List.of("k"), "X-Custom", List.of("c"),
                        "Connection", List.of("Upgrade")),
                Map.of("token", List.of("t")), "10.0.0.1:5");
        assertThat(request.headers()).containsOnlyKeys("cookie", "x-custom");
        assertThat(request.headers().get("cookie")).containsExactly("a=1", "b=2");
        assertThat(request.header("X-CUSTOM")).contains("c");
        assertThat(request.queryParameter("token")).contains("t");
        assertThat(request.remoteAddress()).isEqualTo("10.0.0.1:5");
    }
}
