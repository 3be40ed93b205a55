package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.Canary;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestServers;

/**
 * permessage-deflate (RFC 7692) over a raw socket that compresses and decompresses itself:
 * negotiation, compressed messages both ways, and decompression bombs closed with 1009 after at
 * most the payload limit while a canary on the same server keeps being served.
 */
class PerMessageDeflateTest {

    private static final int LIMIT = 64 * 1024;
    private static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebSocketService service;
    private Canary canary;

    @BeforeEach
    void start() {
        service = TestServers.builder().perMessageDeflate(true).maxPayloadSize(LIMIT)
                .pingInterval(Duration.ofSeconds(30)).build().start();
        canary = Canary.join(service);
    }

    @AfterEach
    void stop() throws Exception {
        canary.assertStillServed();
        canary.close();
        service.stop();
    }

    private RawWebSocket connect(String... headers) throws Exception {
        return RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0, headers);
    }

    private static String extensionsHeader(RawWebSocket ws) {
        return ws.handshakeResponse().lines()
                .filter(line -> line.toLowerCase().startsWith("sec-websocket-extensions:"))
                .findFirst().orElse("");
    }

    @Test
    void acceptsABrowserOfferWithoutContextTakeoverInEitherDirection() throws Exception {
        try (RawWebSocket ws = connect(OFFER)) {
            assertThat(extensionsHeader(ws)).isEqualToIgnoringCase(
                    "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        }
    }

    @Test
    void declinesOffersItCannotHonourAndTakesTheNextAcceptableOne() throws Exception {
        for (String refused : List.of("permessage-deflate; server_max_window_bits=10",
                "permessage-deflate; client_max_window_bits=16", "permessage-deflate; mystery",
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover", "x-webkit-deflate-frame")) {
            try (RawWebSocket ws = connect("Sec-WebSocket-Extensions: " + refused)) {
                assertThat(extensionsHeader(ws)).as(refused).isEmpty();
                ws.sendText("{\"type\":\"ping\"}");
                assertThat(ws.readFrame().text()).contains("pong");
            }
        }
        try (RawWebSocket ws = connect(
                "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=9, permessage-deflate; server_max_window_bits=15")) {
            assertThat(extensionsHeader(ws)).contains("permessage-deflate").contains("server_max_window_bits=15");
        }
    }

    @Test
    void inflatesCompressedClientMessagesWholeAndFragmented() throws Exception {
        try (RawWebSocket ws = connect(OFFER)) {
            ws.sendRawFrame(0xC1, deflate(subscribe("news")), true); // FIN, RSV1, text
            assertThat(JSON.readTree(ws.readFrame().text()).path("type").asText()).isEqualTo("subscribed");

            byte[] compressed = deflate(subscribe("sport"));
            int third = compressed.length / 3;
            ws.sendRawFrame(0x41, Arrays.copyOfRange(compressed, 0, third), true); // RSV1, text, no FIN
            ws.sendRawFrame(0x00, Arrays.copyOfRange(compressed, third, 2 * third), true);
            ws.sendRawFrame(0x80, Arrays.copyOfRange(compressed, 2 * third, compressed.length), true);
            JsonNode reply = JSON.readTree(ws.readFrame().text());
            assertThat(reply.path("type").asText()).isEqualTo("subscribed");
            assertThat(reply.path("topics").toString()).contains("sport");

            ws.sendText("{\"type\":\"ping\"}"); // an uncompressed message on the same connection
            assertThat(ws.readFrame().text()).contains("pong");
        }
    }

    @Test
    void compressesLargePublicationsOnceAndSendsSmallOnesPlain() throws Exception {
        try (RawWebSocket first = connect(OFFER); RawWebSocket second = connect(OFFER)) {
            for (RawWebSocket ws : List.of(first, second)) {
                ws.sendText(new String(subscribe("news"), StandardCharsets.UTF_8));
                ws.readFrame();
            }
            String body = "all the news that fits ".repeat(40);
            service.publish("news", Map.of("body", body)).toCompletableFuture().get();
            RawWebSocket.Frame a = first.readFrame();
            RawWebSocket.Frame b = second.readFrame();
            assertThat(a.rsv1()).isTrue();
            assertThat(a.payload().length).isLessThan(body.length() / 4);
            assertThat(b.payload()).isEqualTo(a.payload());
            assertThat(JSON.readTree(inflate(a.payload())).path("data").path("body").asText()).isEqualTo(body);

            service.publish("news", Map.of("body", "short")).toCompletableFuture().get();
            RawWebSocket.Frame small = first.readFrame();
            assertThat(small.rsv1()).isFalse();
            assertThat(JSON.readTree(small.text()).path("data").path("body").asText()).isEqualTo("short");
        }
    }

    @Test
    void closesADecompressionBombWith1009() throws Exception {
        byte[] bomb = deflate(new byte[40 * 1024 * 1024]); // 40 MB of zeros in about 40 KB
        assertThat(bomb.length).isLessThan(LIMIT);
        try (RawWebSocket ws = connect(OFFER)) {
            ws.sendRawFrame(0xC1, bomb, true);
            assertThat(ws.readUntilClose()).isEqualTo(1009);
        }
    }

    @Test
    void closesABombSpreadOverContinuationFramesWith1009() throws Exception {
        byte[] bomb = deflate(new byte[40 * 1024 * 1024]);
        int slice = bomb.length / 8;
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.writeBytes(RawWebSocket.frameBytes(0x41, Arrays.copyOfRange(bomb, 0, slice), true));
        for (int i = 1; i < 8; i++) {
            int end = i == 7 ? bomb.length : (i + 1) * slice;
            frames.writeBytes(RawWebSocket.frameBytes(i == 7 ? 0x80 : 0x00, Arrays.copyOfRange(bomb, i * slice, end), true));
        }
        try (RawWebSocket ws = connect(OFFER)) {
            ws.sendBytes(frames.toByteArray()); // one write: the server may close before a later write could go out
            assertThat(ws.readUntilClose()).isEqualTo(1009);
        }
    }

    @Test
    void refusesCorruptCompressedDataAndCompressedControlFramesWith1002() throws Exception {
        try (RawWebSocket ws = connect(OFFER)) {
            ws.sendRawFrame(0xC1, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x12, 0x34}, true);
            assertThat(ws.readUntilClose()).isEqualTo(1002);
        }
        try (RawWebSocket ws = connect(OFFER)) {
            ws.sendRawFrame(0xC9, new byte[] {1}, true); // ping with RSV1
            assertThat(ws.readUntilClose()).isEqualTo(1002);
        }
    }

    @Test
    void refusesCompressedFramesWhenTheExtensionWasNotNegotiated() throws Exception {
        try (RawWebSocket ws = connect()) {
            assertThat(extensionsHeader(ws)).isEmpty();
            ws.sendRawFrame(0xC1, deflate(subscribe("news")), true);
            assertThat(ws.readUntilClose()).isEqualTo(1002);
        }
    }

    private static byte[] subscribe(String topic) {
        return ("{\"type\":\"subscribe\",\"topics\":[\"" + topic + "\"]}").getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 7692 7.2.1: raw DEFLATE, sync-flushed, without the trailing 00 00 ff ff. */
    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length);
        deflater.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }

    private static String inflate(byte[] compressed) throws Exception {
        Inflater inflater = new Inflater(true);
        byte[] input = Arrays.copyOf(compressed, compressed.length + 4);
        input[compressed.length + 2] = (byte) 0xFF;
        input[compressed.length + 3] = (byte) 0xFF;
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (!inflater.needsInput()) {
            out.write(chunk, 0, inflater.inflate(chunk));
        }
        inflater.end();
        return out.toString(StandardCharsets.UTF_8);
    }
}
