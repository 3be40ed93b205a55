package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuilderTest {

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                bad("path", b -> b.path("ws")),
                bad("host", b -> b.host(" ")),
                bad("port", b -> b.port(70_000)),
                bad("maxConnections", b -> b.maxConnections(0)),
                bad("maxConnectionsPerAddress", b -> b.maxConnectionsPerAddress(0)),
                bad("pingInterval", b -> b.pingInterval(Duration.ZERO)),
                bad("pingTimeout", b -> b.pingTimeout(Duration.ofSeconds(-1))),
                bad("allowOrigins", b -> b.allowOrigins("https://ok.example", null)),
                bad("authTimeout", b -> b.authTimeout(null)),
                bad("handshakeTimeout", b -> b.handshakeTimeout(java.time.Duration.ofMillis(500))),
                bad("maxPayloadSize", b -> b.maxPayloadSize(10)),
                bad("requireAuthentication", b -> b.requireAuthentication(true)),
                bad("authorizeSubscribe", b -> b.authorizeSubscribe(null)),
                bad("metrics", b -> b.metrics(null)),
                bad("maxSubscriptionsPerConnection", b -> b.maxSubscriptionsPerConnection(0)),
                bad("outboundQueueBytes", b -> b.outboundQueueBytes(10)),
                bad("outboundQueueMessages", b -> b.outboundQueueMessages(0)),
                bad("sendTimeout", b -> b.sendTimeout(java.time.Duration.ZERO)),
                bad("callbackTimeout", b -> b.callbackTimeout(Duration.ZERO)),
                bad("publishTimeout", b -> b.publishTimeout(Duration.ZERO)),
                bad("shutdownDrainPeriod", b -> b.shutdownDrainPeriod(Duration.ofSeconds(-1))),
                bad("callbackThreads", b -> b.callbackThreads(0)),
                bad("fanOutThreads", b -> b.fanOutThreads(0)),
                bad("maxPendingRequests", b -> b.maxPendingRequests(0)),
                bad("nodeId", b -> b.nodeId("")));
    }

    private static Arguments bad(String option, UnaryOperator<WebSocketServiceBuilder> change) {
        return Arguments.of(option, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    void namesTheInvalidOption(String option, UnaryOperator<WebSocketServiceBuilder> change) {
        assertThatThrownBy(() -> change.apply(WebSocketService.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(option + " ");
    }

    @org.junit.jupiter.api.Test
    void buildsWithTheDefaults() {
        WebSocketService service = WebSocketService.builder().build();
        assertThat(service.isRunning()).isFalse();
        assertThat(service.port()).isEqualTo(-1);
        assertThat(service.nodeId()).isNotBlank();
    }
}
