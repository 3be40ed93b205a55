package org.wspubsub.core.internal.tyrus;

import jakarta.websocket.CloseReason;
import java.util.List;
import java.util.zip.DataFormatException;
import org.glassfish.tyrus.core.CloseReasons;
import org.glassfish.tyrus.core.extension.ExtendedExtension;
import org.glassfish.tyrus.core.frame.CloseFrame;
import org.glassfish.tyrus.core.frame.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code permessage-deflate} as negotiated for one connection (RFC 7692), with a bound on what it
 * inflates. A message whose first frame has RSV1 set is inflated frame by frame through a
 * {@link BoundedInflater}; when it would grow past the payload limit the frame is replaced by a
 * close frame with {@code 1009}, which Tyrus answers and closes the connection with, so at most
 * the limit is ever inflated. Data that is not valid DEFLATE closes with {@code 1002}.
 *
 * <p>No context takeover is negotiated in either direction, so nothing is kept between messages:
 * an idle connection costs no compressor memory. Outbound, publications are compressed once per
 * node ({@link org.wspubsub.core.internal.protocol.OutboundFrame#compressedWireFrame()}) and
 * written raw; what Tyrus itself sends through {@link #processOutgoing} (control frames, and text
 * on the fallback transport) goes uncompressed, which the RFC allows per message.
 *
 * <p>Threads: {@link #processIncoming} runs on the connection's Grizzly worker, one read at a
 * time; {@link #processOutgoing} on any sending thread (it keeps no state); {@link #destroy} once,
 * when the connection closes, on whichever thread closed it (hence the uncontended lock).
 */
final class DeflateConnection implements ExtendedExtension {

    private static final Logger log = LoggerFactory.getLogger(DeflateConnection.class);

    private final List<Parameter> answer;
    private final int maxMessageBytes;
    private BoundedInflater message;
    private boolean compressedMessage;
    private CloseReason failed;

    DeflateConnection(List<Parameter> answer, int maxMessageBytes) {
        this.answer = answer;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public synchronized Frame processIncoming(ExtensionContext context, Frame frame) {
        if (failed != null) {
            return new CloseFrame(failed);
        }
        if (frame.isControlFrame()) {
            return frame;
        }
        if (frame.getOpcode() != 0) {
            compressedMessage = frame.isRsv1();
        } else if (frame.isRsv1()) {
            return frame; // RSV1 on a continuation frame: Tyrus refuses it with 1002
        }
        if (!compressedMessage) {
            return frame;
        }
        if (message == null) {
            message = new BoundedInflater(maxMessageBytes);
        }
        byte[] inflated;
        try {
            inflated = message.inflate(frame.getPayloadData(), frame.isFin());
        } catch (DataFormatException e) {
            return fail(CloseReason.CloseCodes.PROTOCOL_ERROR, "invalid compressed data");
        }
        if (inflated == null) {
            log.debug("compressed message passed {} bytes when inflated: closing with 1009", maxMessageBytes);
            return fail(CloseReason.CloseCodes.TOO_BIG, "message too big");
        }
        if (frame.isFin()) {
            endMessage();
        }
        return Frame.builder(frame).rsv1(false).payloadData(inflated).payloadLength(inflated.length).build();
    }

    private Frame fail(CloseReason.CloseCode code, String reason) {
        endMessage();
        failed = CloseReasons.create(code, reason);
        return new CloseFrame(failed);
    }

    private void endMessage() {
        compressedMessage = false;
        if (message != null) {
            message.end();
            message = null;
        }
    }

    @Override
    public Frame processOutgoing(ExtensionContext context, Frame frame) {
        return frame;
    }

    /** The answer's parameters; Tyrus asks with null while writing the handshake response. */
    @Override
    public List<Parameter> onExtensionNegotiation(ExtensionContext context, List<Parameter> requestedParameters) {
        return answer;
    }

    @Override
    public void onHandshakeResponse(ExtensionContext context, List<Parameter> responseParameters) {
        // client side only
    }

    @Override
    public synchronized void destroy(ExtensionContext context) {
        endMessage();
    }

    @Override
    public String getName() {
        return DeflateOffer.NAME;
    }

    @Override
    public List<Parameter> getParameters() {
        return answer;
    }
}
