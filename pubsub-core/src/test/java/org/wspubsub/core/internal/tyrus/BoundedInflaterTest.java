package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The inflater's bound: a bomb never inflates more than the limit, frame by frame or at once. */
class BoundedInflaterTest {

    private static final int LIMIT = 64 * 1024;

    @Test
    void stopsABombOneBytePastTheLimit() throws Exception {
        BoundedInflater inflater = new BoundedInflater(LIMIT);
        assertThat(inflater.inflate(deflate(new byte[50 * 1024 * 1024]), true)).isNull();
        assertThat(inflater.bytesInflated()).isBetween((long) LIMIT, LIMIT + 1L);
        inflater.end();
    }

    @Test
    void countsTheLimitAcrossTheFramesOfOneMessage() throws Exception {
        byte[] data = new byte[LIMIT * 3 / 2];
        new java.util.Random(7).nextBytes(data); // incompressible: each half inflates to about LIMIT * 3 / 4
        byte[] bomb = deflate(data);
        int half = bomb.length / 2;
        BoundedInflater inflater = new BoundedInflater(LIMIT);
        byte[] first = inflater.inflate(Arrays.copyOfRange(bomb, 0, half), false);
        assertThat(first).isNotNull().hasSizeLessThan(LIMIT);
        assertThat(inflater.inflate(Arrays.copyOfRange(bomb, half, bomb.length), true)).isNull();
        assertThat(inflater.bytesInflated()).isLessThanOrEqualTo(LIMIT + 1L);
        inflater.end();
    }

    @Test
    void inflatesAMessageOfExactlyTheLimit() throws Exception {
        byte[] data = new byte[LIMIT];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 7);
        }
        BoundedInflater inflater = new BoundedInflater(LIMIT);
        assertThat(inflater.inflate(deflate(data), true)).isEqualTo(data);
        inflater.end();
    }

    @Test
    void rejectsDataThatIsNotDeflate() {
        BoundedInflater inflater = new BoundedInflater(LIMIT);
        assertThatThrownBy(() -> inflater.inflate(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2}, true))
                .isInstanceOf(DataFormatException.class);
        inflater.end();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        byte[] out = new byte[data.length + data.length / 100 + 1024];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return Arrays.copyOf(out, n - 4);
    }
}
