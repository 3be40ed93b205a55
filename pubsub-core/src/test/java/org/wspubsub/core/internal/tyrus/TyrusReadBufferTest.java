package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.glassfish.tyrus.spi.ReadHandler;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.internal.endpoint.ClientConnection;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestServers;

/**
 * A connection keeps no read buffer between messages: Tyrus's emptied buffer is let go after each
 * read, while the start of a frame that is still arriving is kept until the rest comes. Fails
 * loudly if a Tyrus upgrade renames what the release relies on.
 */
class TyrusReadBufferTest {

    @Test
    void tyrusStillHasTheReadBufferThisReleases() {
        assertThat(TyrusReadBuffer.isAvailable())
                .as("Tyrus's read handler changed: update TyrusReadBuffer").isTrue();
    }

    @Test
    void keepsNoReadBufferBetweenMessagesButKeepsAFrameThatIsStillArriving() throws Exception {
        try (WebSocketService service = TestServers.builder().build().start();
             RawWebSocket ws = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0)) {
            ws.sendText("{\"type\":\"ping\"}");
            assertThat(ws.readFrame().text()).contains("pong");
            ReadHandler reader = readerOf(service);
            assertThat(TyrusReadBuffer.holdsBuffer(reader)).as("buffer kept after a whole message").isFalse();

            byte[] frame = RawWebSocket.frameBytes(0x81, "{\"type\":\"ping\",\"id\":7}".getBytes(StandardCharsets.UTF_8),
                    true);
            ws.sendBytes(Arrays.copyOfRange(frame, 0, 10));
            await().atMost(Duration.ofSeconds(10)).until(() -> TyrusReadBuffer.holdsBuffer(reader));
            ws.sendBytes(Arrays.copyOfRange(frame, 10, frame.length));
            assertThat(ws.readFrame().text()).contains("pong").contains("7");
            await().atMost(Duration.ofSeconds(10)).until(() -> !TyrusReadBuffer.holdsBuffer(reader));
        }
    }

    private static ReadHandler readerOf(WebSocketService service) {
        ClientConnection connection = org.wspubsub.core.ServiceInternals.runtime(service).registry().snapshot().iterator().next();
        RawFrameTransport transport = (RawFrameTransport) connection.transport();
        return UpgradedConnectionFilter.of(transport.grizzlyConnection()).reader();
    }
}
