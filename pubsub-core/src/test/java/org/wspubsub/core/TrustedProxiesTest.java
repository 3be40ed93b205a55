package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestServers;

/**
 * Behind a trusted proxy, each client counts as its own address (from {@code Forwarded} or
 * {@code X-Forwarded-For}) for {@code maxConnectionsPerAddress} and {@code Connection.remoteAddress()};
 * from any other peer those headers are ignored.
 */
class TrustedProxiesTest {

    /** The figure: 2,000 clients behind one proxy. */
    private static final int CLIENTS = 2_000;
    private static final int PER_ADDRESS = 5;

    private WebSocketService service;
    private final List<RawWebSocket> open = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (RawWebSocket ws : open) {
            ws.close();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void admitsTwoThousandClientsBehindOneTrustedProxy() throws IOException {
        service = TestServers.builder().maxConnectionsPerAddress(PER_ADDRESS).trustedProxies("127.0.0.0/8")
                .build().start();
        for (int i = 0; i < CLIENTS; i++) {
            // any refusal (429) throws "upgrade refused"
            open.add(connect("X-Forwarded-For: " + clientAddress(i)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> service.connectionCount() == CLIENTS);
    }

    @Test
    void refusesTheSameClientsWith429WithoutTrustedProxies() throws IOException {
        service = TestServers.builder().maxConnectionsPerAddress(PER_ADDRESS).build().start();
        assertThat(refusalAfterPerAddressLimit()).contains("429");
    }

    @Test
    void ignoresForwardedHeadersFromAPeerThatIsNotATrustedProxy() throws IOException {
        service = TestServers.builder().maxConnectionsPerAddress(PER_ADDRESS).trustedProxies("10.0.0.0/8", "::1")
                .build().start();
        assertThat(refusalAfterPerAddressLimit()).contains("429");
    }

    @Test
    void showsTheForwardedAddressAsTheConnectionsRemoteAddress() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        service = TestServers.builder().trustedProxies("127.0.0.1")
                .authorizeSubscribe((topic, connection) -> {
                    seen.put(topic, connection.remoteAddress());
                    return CompletableFuture.completedFuture(true);
                })
                .build().start();
        subscribeAs("xff", "X-Forwarded-For: 198.51.100.9, 203.0.113.7");
        subscribeAs("forwarded", "Forwarded: for=192.0.2.60;proto=https, for=\"[2001:db8:cafe::17]:4711\"");
        // a client-written entry left of the proxy's own is not believed: the right-most one is the client
        subscribeAs("chain", "X-Forwarded-For: 6.6.6.6, 203.0.113.8, 127.0.0.1");
        subscribeAs("none", "X-Nothing: 1");
        assertThat(seen).containsEntry("xff", "203.0.113.7:0")
                .containsEntry("forwarded", "2001:db8:cafe:0:0:0:0:17:4711")
                .containsEntry("chain", "203.0.113.8:0");
        assertThat(seen.get("none")).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:0");
    }

    @Test
    void refusesABadEntryNamingTheOption() {
        assertThatThrownBy(() -> TestServers.builder().trustedProxies("10.0.0.0/33").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trustedProxies");
        assertThatThrownBy(() -> TestServers.builder().trustedProxies("proxy.example.com").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trustedProxies");
        assertThatThrownBy(() -> TestServers.builder().trustedProxies("10.0.0.1", " ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trustedProxies");
    }

    /** Opens distinct-client connections until one is refused; returns the refusal. */
    private String refusalAfterPerAddressLimit() {
        for (int i = 0; i < PER_ADDRESS; i++) {
            try {
                open.add(connect("X-Forwarded-For: " + clientAddress(i)));
            } catch (IOException e) {
                throw new AssertionError("refused below the limit: " + e.getMessage(), e);
            }
            // the client may read the 101 before the server's onOpen has counted the connection
            int opened = i + 1;
            await().until(() -> service.connectionCount() == opened);
        }
        try {
            open.add(connect("X-Forwarded-For: " + clientAddress(PER_ADDRESS)));
            return "admitted";
        } catch (IOException refused) {
            return refused.getMessage();
        }
    }

    private void subscribeAs(String topic, String header) throws IOException {
        RawWebSocket ws = connect(header);
        open.add(ws);
        ws.sendText("{\"type\":\"subscribe\",\"id\":1,\"topics\":[\"" + topic + "\"]}");
        assertThat(ws.readFrame().text()).contains("subscribed");
    }

    private RawWebSocket connect(String header) throws IOException {
        return RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0, header);
    }

    private static String clientAddress(int i) {
        return "10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF);
    }
}
