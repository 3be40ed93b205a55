package org.wspubsub.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.wspubsub.benchmarks.servers.HostPublish;

class PublishingTest {

    private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TS = "\"ts\":".getBytes(StandardCharsets.US_ASCII);

    @Test
    void thePublishOptionDefaultsPerScenarioAndRefusesOtherValues() {
        assertThat(Publishing.Via.of(null, Publishing.Via.IN_PROCESS)).isEqualTo(Publishing.Via.IN_PROCESS);
        assertThat(Publishing.Via.of(null, Publishing.Via.CLIENT)).isEqualTo(Publishing.Via.CLIENT);
        assertThat(Publishing.Via.of("client", Publishing.Via.IN_PROCESS)).isEqualTo(Publishing.Via.CLIENT);
        assertThat(Publishing.Via.of("In-Process", Publishing.Via.CLIENT)).isEqualTo(Publishing.Via.IN_PROCESS);
        assertThatThrownBy(() -> Publishing.Via.of("inprocess", Publishing.Via.CLIENT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInProcessDeliveryIsAsLongAsAClientPublishAndTheSubscribersReadItTheSameWay() {
        long seq = 123_456;
        long sent = 98_765_432_101_234L;
        for (int size : new int[] {200, 1000}) {
            String published = Frames.publish("bench", seq, sent, size);
            String delivered = HostPublish.messageFrame("bench", seq, sent,
                    "x".repeat(HostPublish.padLength("bench", seq, sent, size)));

            assertThat(delivered).hasSameSizeAs(published).startsWith("{\"type\":\"message\",\"topic\":\"bench\",\"data\":{");
            ByteBuf bytes = Unpooled.copiedBuffer(delivered, StandardCharsets.UTF_8);
            assertThat(Frames.number(bytes, SEQ)).isEqualTo(seq);
            assertThat(Frames.number(bytes, TS)).isEqualTo(sent);
            bytes.release();
        }
        assertThat(HostPublish.padLength("bench", seq, sent, 10)).isZero();
    }
}
