package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.RawWebSocket;

/** The guard follows frames past a refusal, so the server can tell when the client's close frame has arrived. */
class FrameGuardTest {

    private static int inspect(FrameGuard guard, byte[] bytes) {
        return guard.inspect(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, bytes));
    }

    @Test
    void notesTheClientsCloseFrameBehindTheRestOfARefusedFrame() throws Exception {
        FrameGuard guard = new FrameGuard(1_000);
        byte[] oversized = RawWebSocket.frameBytes(0x81, new byte[5_000], true);
        byte[] close = RawWebSocket.frameBytes(0x88, new byte[] {0x03, (byte) 0xF1}, true);

        assertThat(inspect(guard, java.util.Arrays.copyOf(oversized, 100))).isEqualTo(1009);
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(oversized, 100, oversized.length - 100);
        rest.write(close, 0, close.length - 1);
        assertThat(inspect(guard, rest.toByteArray())).as("refused once only").isEqualTo(FrameGuard.OK);
        assertThat(guard.closeReceived()).as("the close frame's last byte is still missing").isFalse();

        inspect(guard, new byte[] {close[close.length - 1]});
        assertThat(guard.closeReceived()).isTrue();
    }

    @Test
    void notesAnEmptyCloseFrameAndNothingElse() {
        FrameGuard guard = new FrameGuard(1_000);
        inspect(guard, RawWebSocket.frameBytes(0x81, "{}".getBytes(), true));
        inspect(guard, RawWebSocket.frameBytes(0x89, new byte[0], true)); // a ping
        assertThat(guard.closeReceived()).isFalse();
        inspect(guard, RawWebSocket.frameBytes(0x88, new byte[0], true));
        assertThat(guard.closeReceived()).isTrue();
    }
}
