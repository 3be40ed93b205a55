package org.wspubsub.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link TrustedProxies} reads the client's address out of forwarding headers. */
class ForwardedChainTest {

    private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "fd00::/8", "192.0.2.1"));

    private String client(List<String> forwarded, List<String> xff) {
        return proxies.clientAddress("10.1.2.3", 40000, forwarded, xff);
    }

    @Test
    void takesTheRightMostAddressThatIsNotATrustedProxy() {
        assertThat(client(List.of(), List.of("1.1.1.1, 203.0.113.7, 10.9.9.9"))).isEqualTo("203.0.113.7:0");
        assertThat(client(List.of(), List.of("1.1.1.1", "203.0.113.7", "192.0.2.1"))).isEqualTo("203.0.113.7:0");
    }

    @Test
    void takesTheLeftMostWhenEveryEntryIsATrustedProxy() {
        assertThat(client(List.of(), List.of("10.0.0.9, 10.0.0.8"))).isEqualTo("10.0.0.9:0");
    }

    @Test
    void stopsAtAnEntryThatIsNoAddress() {
        assertThat(client(List.of(), List.of("203.0.113.7, unknown, 10.0.0.8"))).isEqualTo("10.0.0.8:0");
        assertThat(client(List.of("for=unknown"), List.of())).isEqualTo("10.1.2.3:40000");
        assertThat(client(List.of(), List.of("proxy.example.com"))).isEqualTo("10.1.2.3:40000");
    }

    @Test
    void readsForwardedForWithQuotedIpv6AndPortsAndPrefersItToXForwardedFor() {
        assertThat(client(List.of("for=192.0.2.60;proto=http;by=203.0.113.43, For=\"[2001:db8:cafe::17]:4711\""),
                List.of("198.51.100.1"))).isEqualTo("2001:db8:cafe:0:0:0:0:17:4711");
        assertThat(client(List.of("for=\"198.51.100.17:47011\"", "for=\"[fd00::1]\""), List.of()))
                .isEqualTo("198.51.100.17:47011");
    }

    @Test
    void readsXForwardedForEntriesWithPorts() {
        assertThat(client(List.of(), List.of("198.51.100.17:5555"))).isEqualTo("198.51.100.17:5555");
        assertThat(client(List.of(), List.of("[2001:db8::1]:80"))).isEqualTo("2001:db8:0:0:0:0:0:1:80");
        assertThat(client(List.of(), List.of("198.51.100.17:99999"))).isEqualTo("10.1.2.3:40000");
    }

    @Test
    void ignoresTheHeadersOfAPeerThatIsNotTrusted() {
        assertThat(proxies.clientAddress("203.0.113.99", 1234, List.of("for=1.2.3.4"), List.of("1.2.3.4")))
                .isEqualTo("203.0.113.99:1234");
        assertThat(TrustedProxies.NONE.clientAddress("10.1.2.3", 1, List.of(), List.of("1.2.3.4")))
                .isEqualTo("10.1.2.3:1");
    }

    @Test
    void matchesBlocksOfBothFamiliesAndMappedIpv4() {
        assertThat(proxies.trusts("10.255.0.1")).isTrue();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("fd12:3456::1")).isTrue();
        assertThat(proxies.trusts("fe80::1")).isFalse();
        assertThat(proxies.trusts("::ffff:10.0.0.1")).isTrue();
        assertThat(proxies.trusts("192.0.2.1")).isTrue();
        assertThat(proxies.trusts("192.0.2.2")).isFalse();
        assertThat(TrustedProxies.parse(List.of("0.0.0.0/0")).trusts("8.8.8.8")).isTrue();
        assertThat(TrustedProxies.parse(List.of("10.0.0.0/9")).trusts("10.128.0.1")).isFalse();
    }

    @Test
    void refusesWhatIsNoAddressOrBlock() {
        for (String bad : List.of("10.0.0.0/33", "fd00::/129", "10.0.0", "256.1.1.1", "localhost", "10.0.0.0/x",
                "fe80::1%eth0", "::ffff:10.0.0.0/8")) {
            assertThatThrownBy(() -> TrustedProxies.parse(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }
}
