package org.wspubsub.adapter.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} process of the test's own, on a free loopback port, that the test
 * can kill (SIGKILL), pause (SIGSTOP), resume and restart on the same port. Never touches another
 * instance. A missing binary fails loudly with the install command. Not thread-safe.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private Process process;

    private RedisServer(int port, Path dir, List<String> extraArgs) {
        this.port = port;
        this.dir = dir;
        this.extraArgs = extraArgs;
    }

    /** Starts a standalone server on a free port. */
    public static RedisServer start() throws IOException {
        return start(List.of());
    }

    static RedisServer start(List<String> extraArgs) throws IOException {
        RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("wspubsub-redis-"), extraArgs);
        server.launch();
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void launch() throws IOException {
        launch(List.of());
    }

    private void launch(List<String> moreArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no",
                "--protected-mode", "no", "--logfile", dir.resolve("redis.log").toString()));
        command.addAll(extraArgs);
        command.addAll(moreArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(this::answersPing);
    }

    private static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("redis-server is not on PATH: install it with "
                + "'apt-get install redis-server' (.ci/run does this); the Redis tests need a real server");
    }

    /**
     * Sends one inline command and returns its reply as text: simple strings, errors and integers as
     * their line ({@code +PONG}, {@code :1}), bulk strings as their content, arrays as their elements
     * joined with newlines. Null when the server is unreachable.
     */
    public String command(String inline) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readReply(socket.getInputStream());
        } catch (IOException e) {
            return null;
        }
    }

    private static String readReply(InputStream in) throws IOException {
        String line = readLine(in);
        switch (line.isEmpty() ? ' ' : line.charAt(0)) {
            case '$': {
                int length = Integer.parseInt(line.substring(1));
                if (length < 0) {
                    return "";
                }
                String bulk = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                readLine(in);
                return bulk;
            }
            case '*': {
                int count = Integer.parseInt(line.substring(1));
                List<String> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(readReply(in));
                }
                return String.join("\n", items);
            }
            default:
                return line;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private boolean answersPing() {
        return "+PONG".equals(command("PING"));
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** SIGKILL: the server vanishes without closing its connections cleanly. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGSTOP: the server keeps its sockets open but answers nothing (a black hole). */
    public void pause() throws Exception {
        signal("-STOP");
    }

    /** SIGCONT: the paused server carries on. */
    public void resume() throws Exception {
        signal("-CONT");
    }

    private void signal(String signal) throws Exception {
        int exit = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill " + signal + " failed");
        }
    }

    /** Starts a new server process on the same port. */
    public void restart() throws IOException {
        launch();
    }

    /** Starts a new server process on the same port with more arguments (for example an ACL). */
    public void restart(List<String> moreArgs) throws IOException {
        launch(moreArgs);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
