package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.HandshakeRequest;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestServers;

/**
 * Connections keep their upgrade requests' headers, each connection its own text, equal values
 * (a browser's {@code User-Agent}, a cookie) or not.
 */
class HandshakeHeaderTextTest {

    private static final String HOST = "pubsub.example.org";
    private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
    private static final String LANGUAGE = "fr-FR,fr;q=0.9";
    private static final String COOKIE = "sid=same";

    private StandaloneServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void eachConnectionKeepsTheTextOfItsOwnHeaders() throws Exception {
        Map<String, HandshakeRequest> seen = new ConcurrentHashMap<>();
        try (WebSocketService service = TestServers.builder().authenticator((token, request) -> {
            seen.put(token, request);
            return CompletableFuture.completedFuture(Optional.of(ConnectionContext.of(token)));
        }).build().start()) {
            server = StandaloneServers.startedOver(service);
            try (RawWebSocket first = connect("first", "User-Agent: " + AGENT, "Accept-Language: " + LANGUAGE,
                         "Cookie: " + COOKIE);
                 RawWebSocket second = connect("second", "User-Agent: " + AGENT, "Accept-Language: " + LANGUAGE,
                         "Cookie: " + COOKIE);
                 RawWebSocket third = connect("third", "User-Agent: curl/8.5.0")) {
                for (RawWebSocket ws : List.of(first, second, third)) {
                    assertThat(ws.readFrame().text()).contains("auth.success");
                }
            }

            for (String browser : List.of("first", "second")) {
                HandshakeRequest request = seen.get(browser);
                assertThat(request.header("host")).contains(HOST);
                assertThat(request.header("user-agent")).contains(AGENT);
                assertThat(request.header("accept-language")).contains(LANGUAGE);
                assertThat(request.header("cookie")).contains(COOKIE);
            }
            assertThat(seen.get("third").header("host")).contains(HOST);
            assertThat(seen.get("third").header("user-agent")).contains("curl/8.5.0");
            assertThat(seen.get("third").header("cookie")).isEmpty();
        }
    }

    private RawWebSocket connect(String token, String... headers) throws Exception {
        String[] all = new String[headers.length + 1];
        all[0] = "Host: " + HOST;
        System.arraycopy(headers, 0, all, 1, headers.length);
        return RawWebSocket.connect("127.0.0.1", server.port(), "/ws?token=" + token, 0, all);
    }
}
