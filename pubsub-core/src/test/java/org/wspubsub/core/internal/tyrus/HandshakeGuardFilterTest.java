package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.junit.jupiter.api.Test;

/** What of an upgrade request reaches Tyrus once the guard has taken its own snapshot. */
class HandshakeGuardFilterTest {

    @Test
    void keepsOnlyTheHeadersTyrusReadsWhateverTheirCaseAndRepetition() {
        MimeHeaders headers = new MimeHeaders();
        add(headers, "User-Agent", "bench");
        add(headers, "HOST", "127.0.0.1:8080");
        add(headers, "Cookie", "a=1");
        add(headers, "upgrade", "websocket");
        add(headers, "Cookie", "b=2");
        add(headers, "Connection", "Upgrade");
        add(headers, "Authorization", "Bearer secret");
        add(headers, "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        add(headers, "sec-websocket-version", "13");
        add(headers, "Sec-WebSocket-Extensions", "permessage-deflate");
        add(headers, "Sec-WebSocket-Protocol", "v1");
        add(headers, "Origin", "https://example.com");
        add(headers, "X-Forwarded-For", "10.0.0.1");

        HandshakeGuardFilter.keepOnlyWhatTyrusReads(headers);

        List<String> names = new ArrayList<>();
        headers.names().forEach(names::add);
        assertThat(names).containsExactlyInAnyOrder("HOST", "upgrade", "Connection", "Sec-WebSocket-Key",
                "sec-websocket-version", "Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol", "Origin");
        assertThat(headers.getHeader("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
    }

    @Test
    void leavesAnEmptyRequestEmpty() {
        MimeHeaders headers = new MimeHeaders();
        HandshakeGuardFilter.keepOnlyWhatTyrusReads(headers);
        assertThat(headers.size()).isZero();
    }

    private static void add(MimeHeaders headers, String name, String value) {
        headers.addValue(name).setString(value);
    }
}
