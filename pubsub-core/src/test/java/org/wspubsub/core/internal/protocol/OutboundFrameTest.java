package org.wspubsub.core.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundFrameTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void framesPayloadsOfEverySizeClassAsUnmaskedFinalTextFrames(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        OutboundFrame frame = OutboundFrame.ofPayload(payload);
        byte[] wire = frame.wireFrame();
        assertThat(wire[0] & 0xFF).isEqualTo(0x81);
        assertThat(wire[1] & 0x80).as("server frames are not masked").isZero();
        int header;
        long declared;
        if (length < 126) {
            header = 2;
            declared = wire[1];
        } else if (length <= 0xFFFF) {
            header = 4;
            assertThat(wire[1]).isEqualTo((byte) 126);
            declared = ((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF);
        } else {
            header = 10;
            assertThat(wire[1]).isEqualTo((byte) 127);
            declared = 0;
            for (int i = 2; i < 10; i++) {
                declared = (declared << 8) | (wire[i] & 0xFF);
            }
        }
        assertThat(declared).isEqualTo(length);
        assertThat(wire).hasSize(header + length);
        assertThat(frame.size()).isEqualTo(header + length);
        for (int i = 0; i < length; i++) {
            assertThat(wire[header + i]).isEqualTo(payload[i]);
        }
        assertThat(frame.wireFrame()).isSameAs(wire);
    }
}
