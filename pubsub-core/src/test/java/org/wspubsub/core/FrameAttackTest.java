package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.Canary;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestServers;

/**
 * Hostile frames over a raw socket: each is refused with the RFC 6455 close code, and a canary on
 * the same server keeps being served. (Tyrus checks most of these itself; the frame guard in front of
 * it adds unmasked frames and oversized frames decided from the header.)
 */
class FrameAttackTest {

    private static final byte[] PING = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);

    private WebSocketService service;
    private Canary canary;

    @BeforeEach
    void start() {
        service = TestServers.builder().maxPayloadSize(1024).pingInterval(Duration.ofSeconds(30)).build().start();
        canary = Canary.join(service);
    }

    @AfterEach
    void stop() throws Exception {
        canary.assertStillServed();
        canary.close();
        service.stop();
    }

    private RawWebSocket raw() throws Exception {
        return RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0);
    }

    @Test
    void refusesAnUnmaskedClientFrameWith1002() throws Exception {
        try (RawWebSocket ws = raw()) {
            ws.sendFrame(0x1, PING, false);
            assertThat(ws.readUntilClose()).isEqualTo(1002);
        }
    }

    @Test
    void refusesReservedBitsAndOpcodesWith1002() throws Exception {
        for (int firstByte : new int[] {0x80 | 0x40 | 0x1, 0x80 | 0x20 | 0x1, 0x80 | 0x3, 0x80 | 0xB}) {
            try (RawWebSocket ws = raw()) {
                ws.sendRawFrame(firstByte, PING, true);
                assertThat(ws.readUntilClose()).as("first byte %02x", firstByte).isEqualTo(1002);
            }
        }
    }

    @Test
    void refusesFragmentedAndOversizedControlFramesWith1002() throws Exception {
        try (RawWebSocket ws = raw()) {
            ws.sendRawFrame(0x09, new byte[] {1}, true); // ping without FIN
            assertThat(ws.readUntilClose()).isEqualTo(1002);
        }
        try (RawWebSocket ws = raw()) {
            ws.sendRawFrame(0x89, new byte[126], true); // ping over 125 bytes
            assertThat(ws.readUntilClose()).isEqualTo(1002);
        }
        try (RawWebSocket ws = raw()) {
            ws.sendRawFrame(0x80, new byte[10], true); // continuation without a message
            assertThat(ws.readUntilClose()).isEqualTo(1002);
        }
    }

    @Test
    void refusesInvalidCloseCodesWith1002() throws Exception {
        for (int code : new int[] {999, 1005, 1006, 2999}) {
            try (RawWebSocket ws = raw()) {
                ws.sendRawFrame(0x88, new byte[] {(byte) (code >> 8), (byte) code}, true);
                assertThat(ws.readUntilClose()).as("close code %d", code).isEqualTo(1002);
            }
        }
    }

    @Test
    void refusesInvalidUtf8With1007() throws Exception {
        try (RawWebSocket ws = raw()) {
            ws.sendRawFrame(0x81, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, true);
            assertThat(ws.readUntilClose()).isEqualTo(1007);
        }
    }

    @Test
    void refusesAMessageOverTheLimitSpreadOverContinuationFramesWith1009() throws Exception {
        try (RawWebSocket ws = raw()) {
            ws.sendRawFrame(0x01, new byte[600], true);
            ws.sendRawFrame(0x00, new byte[600], true);
            ws.sendRawFrame(0x80, new byte[10], true);
            assertThat(ws.readUntilClose()).isEqualTo(1009);
        }
    }

    @Test
    void refusesAMessageSplitIntoTooManyFragmentsWith1009() throws Exception {
        try (RawWebSocket ws = raw()) {
            ws.sendRawFrame(0x01, new byte[0], true);
            for (int i = 0; i < 1_100; i++) {
                ws.sendRawFrame(0x00, new byte[0], true);
            }
            assertThat(ws.readUntilClose()).isEqualTo(1009);
        }
    }

    @Test
    void refusesAHugeFrameFromItsHeaderWithoutWaitingForThePayload() throws Exception {
        try (RawWebSocket ws = raw()) {
            // declares 5 GB, sends 100 bytes: the answer comes from the header alone
            ws.sendPartialFrame(0x81, 5_000_000_000L, 100);
            assertThat(ws.readUntilClose()).isEqualTo(1009);
        }
        try (RawWebSocket ws = raw()) {
            ws.sendPartialFrame(0x81, 5_000_000, 1_000);
            assertThat(ws.readUntilClose()).isEqualTo(1009);
        }
    }

    @Test
    void keepsServingWellFormedFramesAfterTheGuard() throws Exception {
        try (RawWebSocket ws = raw()) {
            for (int i = 0; i < 50; i++) {
                ws.sendText("{\"type\":\"ping\",\"id\":" + i + "}");
            }
            for (int i = 0; i < 50; i++) {
                assertThat(ws.readFrame().text()).contains("\"pong\"").contains("\"id\":" + i);
            }
        }
    }
}
