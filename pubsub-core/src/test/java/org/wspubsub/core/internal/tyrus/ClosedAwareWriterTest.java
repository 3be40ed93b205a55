package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.grizzly.nio.transport.TCPNIOConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;
import org.junit.jupiter.api.Test;

class ClosedAwareWriterTest {

    @Test
    void failsAWriteToAClosedConnectionWithoutAStackTraceWhereTyrussWriterBuildsOne() throws Exception {
        TCPNIOTransport transport = TCPNIOTransportBuilder.newInstance().build();
        SocketChannel channel = SocketChannel.open();
        channel.close();
        TCPNIOConnection connection = new TCPNIOConnection(transport, channel);
        assertThat(connection.isOpen()).isFalse();

        Throwable ours = failureOf(new ClosedAwareWriter(connection));
        Throwable tyrus = failureOf(new GrizzlyWriter(connection));

        assertThat(ours).isInstanceOf(IllegalStateException.class).hasMessage(tyrus.getMessage());
        assertThat(ours.getStackTrace()).isEmpty();
        assertThat(tyrus.getStackTrace()).isNotEmpty();
        assertThat(ours).isNotSameAs(failureOf(new ClosedAwareWriter(connection))); // nothing shared to mutate
    }

    private static Throwable failureOf(Writer writer) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        writer.write(ByteBuffer.wrap(new byte[] {(byte) 0x88, 0}), new CompletionHandler<>() {
            @Override
            public void failed(Throwable throwable) {
                failure.set(throwable);
            }
        });
        assertThat(failure.get()).as("the write failed at once").isNotNull();
        return failure.get();
    }
}
