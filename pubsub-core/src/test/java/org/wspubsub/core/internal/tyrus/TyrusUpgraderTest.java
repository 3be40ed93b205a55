package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.tyrus.core.RequestContext;
import org.junit.jupiter.api.Test;

/** What of an upgrade request reaches Tyrus's engine once the guard has taken its own snapshot. */
class TyrusUpgraderTest {

    private static final URI PATH = URI.create("/ws");

    @Test
    void givesTyrusOnlyTheHeadersItReadsWhateverTheirCaseAndRepetition() {
        MimeHeaders headers = new MimeHeaders();
        add(headers, "User-Agent", "bench");
        add(headers, "HOST", "127.0.0.1:8080");
        add(headers, "Cookie", "a=1");
        add(headers, "upgrade", "websocket");
        add(headers, "Cookie", "b=2");
        add(headers, "Connection", "keep-alive, Upgrade");
        add(headers, "Authorization", "Bearer secret");
        add(headers, "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        add(headers, "sec-websocket-version", "13");
        add(headers, "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
        add(headers, "Sec-WebSocket-Protocol", "v1, v2");
        add(headers, "sec-websocket-protocol", "v3");
        add(headers, "Origin", "https://example.com");
        add(headers, "X-Forwarded-For", "10.0.0.1");
        add(headers, "X-Wspubsub-Ticket", "a header of an older release, now like any other");

        RequestContext request = TyrusUpgrader.requestFor(PATH, headers, false, "10.0.0.2");

        assertThat(request.getHeaders().keySet()).containsExactlyInAnyOrder("Host", "Upgrade", "Connection",
                "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol",
                "Origin");
        assertThat(request.getHeaders().get("connection")).containsExactly("keep-alive", "Upgrade");
        assertThat(request.getHeaders().get("Sec-WebSocket-Protocol")).containsExactly("v1", "v2", "v3");
        assertThat(request.getHeaders().get("Sec-WebSocket-Extensions"))
                .containsExactly("permessage-deflate; client_max_window_bits");
        assertThat(request.getHeader("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(request.getRequestURI()).isSameAs(PATH);
        assertThat(request.getQueryString()).isNull();
        assertThat(request.getParameterMap()).isEmpty();
        assertThat(request.getRemoteAddr()).isEqualTo("10.0.0.2");
    }

    @Test
    void splitsHeaderListsAtCommasOutsideQuotes() {
        assertThat(TyrusUpgrader.splitList(" a , b,,c ")).containsExactly("a", "b", "c");
        assertThat(TyrusUpgrader.splitList("x; p=\"1,2\", y")).containsExactly("x; p=\"1,2\"", "y");
        assertThat(TyrusUpgrader.splitList("")).isEmpty();
        assertThat(TyrusUpgrader.splitList("single")).isEqualTo(List.of("single"));
    }

    private static void add(MimeHeaders headers, String name, String value) {
        headers.addValue(name).setString(value);
    }
}
