package org.wspubsub.core.internal.tyrus;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.glassfish.tyrus.spi.UpgradeResponse;

/**
 * The answer Tyrus's engine fills in for one upgrade: status, reason and headers, which
 * {@link TyrusUpgrader} then writes itself. Tyrus's own {@code TyrusUpgradeResponse} orders its
 * headers with a comparator that lower-cases both names on every comparison (two new strings each
 * time, most of a KB per handshake); this one keeps the same case-insensitive order with
 * {@link String#CASE_INSENSITIVE_ORDER}, which allocates nothing. Created, filled and read by one
 * thread, the Grizzly worker that runs the upgrade.
 */
final class UpgradeAnswer extends UpgradeResponse {

    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private int status;
    private String reasonPhrase;

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setStatus(int status) {
        this.status = status;
    }

    @Override
    public void setReasonPhrase(String reason) {
        this.reasonPhrase = reason;
    }

    @Override
    public String getReasonPhrase() {
        return reasonPhrase;
    }

    /** The headers by name, any case matching; the engine adds to them. */
    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }
}
