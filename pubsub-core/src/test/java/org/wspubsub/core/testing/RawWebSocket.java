package org.wspubsub.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client on a plain socket, for behaviour no well-behaved client library shows:
 * never answering pings, never reading, sending arbitrary frames. Reads happen only when the test
 * asks. Not thread-safe.
 */
public final class RawWebSocket implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String handshakeResponse;
    private final String key;

    private RawWebSocket(Socket socket, DataInputStream in, OutputStream out, String handshakeResponse, String key) {
        this.key = key;
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.handshakeResponse = handshakeResponse;
    }

    /**
     * Opens a socket and performs the upgrade handshake. A {@code Host} header among
     * {@code extraHeaders} replaces the default one, which names {@code host} and {@code port}.
     *
     * @param receiveBuffer the socket's receive buffer size (small, to make a non-reading client back up fast)
     */
    public static RawWebSocket connect(String host, int port, String pathAndQuery, int receiveBuffer,
                                       String... extraHeaders) throws IOException {
        return connect(host, port, pathAndQuery, receiveBuffer, new byte[0], extraHeaders);
    }

    /**
     * Opens a socket and performs the upgrade handshake, sending {@code rightBehind} (frames, see
     * {@link #frameBytes}) in the same write as the request, before the server's answer is read.
     */
    public static RawWebSocket connect(String host, int port, String pathAndQuery, int receiveBuffer,
                                       byte[] rightBehind, String... extraHeaders) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(10_000);
        byte[] keyBytes = new byte[16];
        RANDOM.nextBytes(keyBytes);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + (hasHost(extraHeaders) ? "" : "Host: " + host + ":" + port + "\r\n")
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(keyBytes) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + String.join("", java.util.Arrays.stream(extraHeaders).map(h -> h + "\r\n").toList())
                + "\r\n";
        OutputStream out = socket.getOutputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(request.getBytes(StandardCharsets.US_ASCII));
        bytes.write(rightBehind);
        out.write(bytes.toByteArray());
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        String response = readHeaders(in);
        if (!response.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("upgrade refused: " + response.lines().findFirst().orElse(""));
        }
        return new RawWebSocket(socket, in, out, response, Base64.getEncoder().encodeToString(keyBytes));
    }

    /** Whether the test sends its own {@code Host} header, which then replaces the socket's address. */
    private static boolean hasHost(String... headers) {
        return java.util.Arrays.stream(headers).anyMatch(h -> h.regionMatches(true, 0, "Host:", 0, 5));
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake: " + buffer);
            }
            buffer.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return buffer.toString(StandardCharsets.US_ASCII);
    }

    public String handshakeResponse() {
        return handshakeResponse;
    }

    /** The {@code Sec-WebSocket-Accept} value RFC 6455 (section 4.2.2) requires for this socket's key. */
    public String expectedAccept() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a masked text frame. */
    public void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Sends one frame with the given opcode; {@code masked} false sends it unmasked (a protocol violation). */
    public void sendFrame(int opcode, byte[] payload, boolean masked) throws IOException {
        sendRawFrame(0x80 | opcode, payload, masked);
    }

    /** Sends one frame whose first byte (FIN, RSV1-3, opcode) is exactly {@code firstByte}. */
    public void sendRawFrame(int firstByte, byte[] payload, boolean masked) throws IOException {
        out.write(frameBytes(firstByte, payload, masked));
        out.flush();
    }

    /** Sends several already built frames (see {@link #frameBytes}) with one write. */
    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One frame whose first byte (FIN, RSV1-3, opcode) is exactly {@code firstByte}, as bytes. */
    public static byte[] frameBytes(int firstByte, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) ((long) payload.length >>> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        if (masked) {
            RANDOM.nextBytes(mask);
            frame.write(mask, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(masked ? payload[i] ^ mask[i % 4] : payload[i]);
        }
        return frame.toByteArray();
    }

    /**
     * Sends only a frame header that declares {@code declaredLength} payload bytes (masked), then
     * {@code sent} bytes of that payload: the rest never comes.
     */
    public void sendPartialFrame(int firstByte, long declaredLength, int sent) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        if (declaredLength < 126) {
            frame.write(0x80 | (int) declaredLength);
        } else if (declaredLength <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write((int) (declaredLength >>> 8));
            frame.write((int) declaredLength);
        } else {
            frame.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) (declaredLength >>> (8 * i)));
            }
        }
        frame.write(new byte[4]); // a zero mask: payload bytes go out as they are
        frame.write(new byte[sent]);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** One frame read from the server; {@code rsv1} marks a permessage-deflate compressed message. */
    public record Frame(int opcode, byte[] payload, boolean rsv1) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame, or -1. */
        public int closeCode() {
            return opcode == 0x8 && payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }
    }

    /** Reads the next frame (blocking, with the socket timeout). */
    public Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(b0 & 0x0F, payload, (b0 & 0x40) != 0);
    }

    /**
     * Reads frames until a close frame and returns its code; -1 when the socket ended without one.
     * Gives up (an {@link IOException}) after 15 seconds, so a test can never hang here.
     */
    public int readUntilClose() throws IOException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                Frame frame = readFrame();
                if (frame.opcode() == 0x8) {
                    return frame.closeCode();
                }
            }
            throw new IOException("no close frame within 15 s");
        } catch (java.io.EOFException | java.net.SocketException e) {
            return -1;
        }
    }

    /**
     * Reads whatever arrives until the server closes the socket and returns how many bytes that was
     * (after a close frame: anything at all is a frame sent after it). A reset counts as the end.
     */
    public long bytesUntilEnd() throws IOException {
        long count = 0;
        byte[] chunk = new byte[8192];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                count += n;
            }
        } catch (java.net.SocketException reset) {
            // the end all the same
        }
        return count;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
