package org.wspubsub.core.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.HandshakeRequest;
import org.wspubsub.core.ServiceInternals;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestServers;

/**
 * Connections keep their upgrade requests; header values that repeat from client to client are
 * kept once for all of them, while a client's own values (a cookie) stay its own, even when equal.
 */
class SharedHeaderTextTest {

    /**
     * A fixed {@code Host}: the table of recent values is indexed by a hash of their bytes, so a
     * host naming the server's random port could take the slot of another value in this test and
     * make the sharing the test expects depend on the port.
     */
    private static final String HOST = "Host: pubsub.example.org";
    private static final String AGENT = "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

    @Test
    void connectionsShareTheTextOfRepeatedHeadersButNotTheirCookies() throws Exception {
        try (WebSocketService service = TestServers.builder().build().start();
             RawWebSocket first = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0, HOST, AGENT,
                     "Accept-Language: fr-FR,fr;q=0.9", "Cookie: sid=same");
             RawWebSocket second = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0, HOST, AGENT,
                     "Accept-Language: fr-FR,fr;q=0.9", "Cookie: sid=same");
             RawWebSocket third = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0, HOST,
                     "User-Agent: curl/8.5.0")) {
            for (RawWebSocket ws : List.of(first, second, third)) {
                ws.sendText("{\"type\":\"ping\"}");
                assertThat(ws.readFrame().text()).contains("pong");
            }
            List<HandshakeRequest> requests = ServiceInternals.runtime(service).registry().snapshot().stream()
                    .map(ClientConnection::request).toList();
            assertThat(requests).hasSize(3);
            HandshakeRequest a = withAgent(requests, "Mozilla", 0);
            HandshakeRequest b = withAgent(requests, "Mozilla", 1);
            HandshakeRequest curl = withAgent(requests, "curl", 0);

            assertThat(a.header("user-agent").get()).isEqualTo(AGENT.substring("User-Agent: ".length()))
                    .isSameAs(b.header("user-agent").get());
            assertThat(a.header("accept-language").get()).isSameAs(b.header("accept-language").get());
            assertThat(a.header("host")).contains("pubsub.example.org");
            assertThat(a.header("host").get()).isSameAs(b.header("host").get()).isSameAs(curl.header("host").get());
            assertThat(curl.header("user-agent")).contains("curl/8.5.0");
            assertThat(a.header("cookie")).contains("sid=same");
            assertThat(a.header("cookie").get()).isNotSameAs(b.header("cookie").get());
        }
    }

    private static HandshakeRequest withAgent(List<HandshakeRequest> requests, String agent, int index) {
        return requests.stream().filter(r -> r.header("user-agent").orElse("").contains(agent)).toList().get(index);
    }
}
