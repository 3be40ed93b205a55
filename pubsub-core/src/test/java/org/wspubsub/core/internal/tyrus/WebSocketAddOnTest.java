package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.server.FileCacheFilter;
import org.glassfish.grizzly.http.server.ServerFilterConfiguration;
import org.glassfish.grizzly.http.server.filecache.FileCache;
import org.glassfish.grizzly.utils.DelayedExecutor;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.junit.jupiter.api.Test;

/** The filter chain the standalone server's connections pass through, as Grizzly's HTTP server builds it and the add-on changes it. */
class WebSocketAddOnTest {

    @Test
    void putsTheGuardAndTheUpgradedConnectionsFilterInPlace() {
        DelayedExecutor timer = new DelayedExecutor(java.util.concurrent.Executors.newSingleThreadExecutor());
        FilterChainBuilder builder = FilterChainBuilder.stateless()
                .add(new TransportFilter())
                .add(new org.glassfish.grizzly.http.HttpServerFilter())
                .add(new IdleTimeoutFilter(timer, 10, TimeUnit.SECONDS))
                .add(new FileCacheFilter(new FileCache()))
                .add(new org.glassfish.grizzly.http.server.HttpServerFilter(new ServerFilterConfiguration(), timer));
        HandshakeGuardFilter guard = new HandshakeGuardFilter(null, null);
        UpgradedConnectionFilter upgraded = new UpgradedConnectionFilter();

        new StandaloneServer.WebSocketAddOn(guard, upgraded).setup(null, builder);

        FilterChain chain = builder.build();
        List<Class<?>> types = new ArrayList<>();
        for (Filter filter : chain) {
            types.add(filter.getClass());
        }
        assertThat(types).containsExactly(TransportFilter.class, UpgradedConnectionFilter.class,
                org.glassfish.grizzly.http.HttpServerFilter.class, IdleTimeoutFilter.class, FileCacheFilter.class,
                HandshakeGuardFilter.class, org.glassfish.grizzly.http.server.HttpServerFilter.class);
        timer.destroy();
    }
}
