package org.wspubsub.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.wspubsub.benchmarks.servers.BenchServer;
import org.wspubsub.benchmarks.servers.HostPublish;

/**
 * A {@link BenchServer} in a child JVM, with its CPU time and resident memory read from
 * {@code /proc} and its heap (after GC) asked over standard input, where it also takes orders to
 * publish in-process. Not thread-safe.
 */
final class ServerProcess implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    final int port;
    final String kind;

    private ServerProcess(String kind, Process process) throws IOException {
        this.kind = kind;
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String line;
        int found = -1;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                found = Integer.parseInt(line.substring(6).trim());
                break;
            }
        }
        if (found < 0) {
            throw new IOException("the " + kind + " server did not start");
        }
        this.port = found;
    }

    static ServerProcess start(String kind, String... extra) throws IOException {
        return start(kind, List.of(), extra);
    }

    /** Starts a server with extra JVM options ({@code jvmOptions}) before the class name. */
    static ServerProcess start(String kind, List<String> jvmOptions, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms1g", "-Xmx2g"));
        command.addAll(jvmOptions);
        String extraJvm = System.getenv("BENCH_SERVER_JVM_ARGS"); // for example a JFR recording, for profiling
        if (extraJvm != null && !extraJvm.isBlank()) {
            command.addAll(List.of(extraJvm.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName(), kind, "0"));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new ServerProcess(kind, process);
    }

    /** User plus system CPU time of the server process, in nanoseconds. */
    long cpuNanos() throws IOException {
        return cpuNanos(process.pid());
    }

    /** User plus system CPU time of process {@code pid} (this load generator's own, too), in nanoseconds. */
    static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return TimeUnit.SECONDS.toNanos(ticks) / CLOCK_TICKS_PER_SECOND;
    }

    /** Resident set size of the server process, in bytes. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** Heap in use after a full GC, and heap allocated so far by the server's live threads, in bytes. */
    record Memory(long heapAfterGc, long allocated) {
    }

    /** Reads the server's {@link Memory}; runs two full GCs in the server. */
    Memory memory() throws IOException {
        in.write("stats\n");
        in.flush();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("STATS ")) {
                String[] fields = line.substring(6).trim().split(" ");
                return new Memory(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
            }
        }
        throw new IOException("the server ended");
    }

    /**
     * Has the server publish in-process from its host thread ({@link HostPublish}); returns its report
     * once every publication was handed over. Blocks for the command's length.
     */
    HostPublish.Outcome publish(HostPublish command) throws IOException {
        in.write(command.line() + "\n");
        in.flush();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(HostPublish.REPLY + " ")) {
                return HostPublish.Outcome.parse(line);
            }
        }
        throw new IOException("the server ended");
    }

    /** The live-object class histogram of the server ({@code jcmd GC.class_histogram}, after a full GC). */
    String classHistogram() throws IOException, InterruptedException {
        return jcmd("GC.class_histogram");
    }

    /** Writes the server's live objects to {@code file} in HPROF format ({@code jcmd GC.heap_dump}, after a full GC). */
    void heapDump(Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        jcmd("GC.heap_dump", file.toString());
    }

    /**
     * Marks the server's native memory baseline for {@link #nativeMemoryDiff()}. Native memory
     * tracking must be on: run the servers with {@code BENCH_SERVER_JVM_ARGS=-XX:NativeMemoryTracking=summary}.
     */
    void nativeMemoryBaseline() throws IOException, InterruptedException {
        jcmd("VM.native_memory", "baseline");
    }

    /** The native memory change since {@link #nativeMemoryBaseline()}, or jcmd's note that tracking is off. */
    String nativeMemoryDiff() throws IOException, InterruptedException {
        return jcmd("VM.native_memory", "summary.diff");
    }

    private String jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of("jcmd", Long.toString(process.pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor();
        return output;
    }

    @Override
    public void close() throws Exception {
        in.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
