package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.junit.jupiter.api.Test;

class UpgradeAnswerTest {

    @Test
    void ordersAndFindsHeadersAsTyrussOwnResponseDoes() {
        UpgradeAnswer answer = new UpgradeAnswer();
        TyrusUpgradeResponse tyrus = new TyrusUpgradeResponse();
        for (String name : List.of("Upgrade", "connection", "Sec-WebSocket-Accept", "sec-websocket-extensions",
                "Sec-WebSocket-Protocol", "X-Tyrus-Tracing-1", "WWW-Authenticate", "Retry-After", "a_b", "A-B")) {
            answer.getHeaders().put(name, List.of(name.toLowerCase()));
            tyrus.getHeaders().put(name, List.of(name.toLowerCase()));
        }
        answer.getHeaders().put("UPGRADE", List.of("websocket"));
        tyrus.getHeaders().put("UPGRADE", List.of("websocket"));

        assertThat(answer.getHeaders()).containsExactlyEntriesOf(tyrus.getHeaders());
        assertThat(answer.getFirstHeaderValue("upgrade")).isEqualTo("websocket");
        assertThat(answer.getHeaders().get("SEC-WEBSOCKET-ACCEPT")).containsExactly("sec-websocket-accept");
        answer.setStatus(101);
        answer.setReasonPhrase("Switching Protocols");
        assertThat(answer.getStatus()).isEqualTo(101);
        assertThat(answer.getReasonPhrase()).isEqualTo("Switching Protocols");
    }
}
