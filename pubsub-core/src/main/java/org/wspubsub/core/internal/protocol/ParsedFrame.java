package org.wspubsub.core.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The result of parsing one client text frame: either a {@link ClientFrame} or the reason it is a
 * bad request, with the {@code id} when it could be read.
 */
public sealed interface ParsedFrame {

    /** A well-formed request. */
    record Ok(ClientFrame frame) implements ParsedFrame { }

    /** A frame answered with {@code bad_request}; {@code id} is null when it could not be read. */
    record Bad(String reason, JsonNode id) implements ParsedFrame { }
}
