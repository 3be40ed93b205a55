package org.wspubsub.core.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the standalone server offers on a thread is seen by that thread only, and taken once. */
class HandshakeHandOffTest {

    private final HandshakeHandOff handOff = new HandshakeHandOff();
    private final HandshakeData data = new HandshakeData(SimpleHandshakeRequest.of("/ws", Map.of(), Map.of(),
            "127.0.0.1:1"), Optional.empty(), Optional.empty());

    @Test
    void isTakenOnceByTheThreadThatOfferedIt() {
        assertThat(handOff.pending()).isNull();
        handOff.offer(data);
        assertThat(handOff.pending()).isSameAs(data);
        assertThat(handOff.take()).isSameAs(data);
        assertThat(handOff.take()).isNull();
        assertThat(handOff.pending()).isNull();
    }

    @Test
    void isInvisibleToOtherThreadsAndGoneAfterClear() throws Exception {
        handOff.offer(data);
        assertThat(CompletableFuture.supplyAsync(handOff::pending).get()).isNull();
        handOff.clear();
        assertThat(handOff.take()).isNull();
    }
}
