package org.wspubsub.adapter.redis;

import java.io.IOException;
import org.wspubsub.core.WebSocketService;

/**
 * The subscriber side of {@link TwoProcessTest}, run in its own JVM: a node on Redis that prints
 * {@code PORT <n>} once it listens, and stops when its standard input closes.
 */
public final class SubscriberNodeProcess {

    private SubscriberNodeProcess() {
    }

    public static void main(String[] args) throws IOException {
        WebSocketService node = WebSocketService.builder().host("127.0.0.1").port(0).nodeId("subscriber-process")
                .adapter(RedisAdapter.create(args[0])).build().start();
        System.out.println("PORT " + node.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our input
        }
        node.stop();
    }
}
