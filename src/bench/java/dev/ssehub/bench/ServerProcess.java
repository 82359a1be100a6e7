package dev.ssehub.bench;

import dev.ssehub.testing.node.NodeProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The hub's JVM, started and measured from outside: RSS, heap after a full GC, CPU time. */
final class ServerProcess implements MeasuredServer, AutoCloseable {

    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

    private final NodeProcess node;

    private ServerProcess(NodeProcess node) {
        this.node = node;
    }

    /** The options every benchmarked hub JVM starts with, whoever starts it. */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xms256m", "-Xmx2g"));
        // -Dbench.gc: the server's collector, G1 unless told (e.g. Parallel); see the README on why it matters here
        options.add("-XX:+Use" + System.getProperty("bench.gc", "G1") + "GC");
        // -Dbench.jetty.pool.factor: the step of Jetty's buffer pool (4096 unless told), see JettyNode
        options.add("-Dnode.jetty.pool.factor=" + System.getProperty("bench.jetty.pool.factor", "4096"));
        options.add("-Dnode.tomcat.connector=" + System.getProperty("bench.tomcat.connector", ""));
        if (Boolean.getBoolean("bench.nmt")) {
            options.add("-XX:NativeMemoryTracking=summary");
        }
        // -Dbench.jvm: more server JVM options, space-separated (the README's G1 setting for Java 17)
        for (String option : System.getProperty("bench.jvm", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return options;
    }

    static ServerProcess start(String container, int port, String war, List<String> settings) throws IOException {
        List<String> options = jvmOptions();
        options.addAll(settings);
        return new ServerProcess(NodeProcess.start(container, port, Path.of(war), options,
                Path.of("target", "bench-server-" + container + ".log")));
    }

    long pid() {
        return node.pid();
    }

    /** Resident set size, in bytes. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    /** Files (sockets included) the server holds open. */
    long openFiles() throws IOException {
        try (var files = Files.list(Path.of("/proc", String.valueOf(pid()), "fd"))) {
            return files.count();
        }
    }

    @Override
    public long cpuNanos() throws IOException {
        return ProcessCpu.of(pid()).total();
    }

    @Override
    public long systemCpuNanos() throws IOException {
        return ProcessCpu.of(pid()).system();
    }

    /** Memory right after a full GC: heap in use, heap committed, and the whole process's RSS. */
    Memory memoryAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher heap = HEAP.matcher(jcmd("GC.heap_info"));
        if (!heap.find()) {
            throw new IllegalStateException("jcmd GC.heap_info said nothing about the heap");
        }
        return new Memory(Long.parseLong(heap.group(2)) * 1024, Long.parseLong(heap.group(1)) * 1024, rssBytes());
    }

    /** @param heapUsed live heap after a full GC; {@code rss - heapCommitted} is what lives outside the heap */
    record Memory(long heapUsed, long heapCommitted, long rss) {
        long offHeap() {
            return rss - heapCommitted;
        }
    }

    /** Starts a flight recording of the server, written to {@code file} when it stops. */
    void startRecording(Path file) throws IOException, InterruptedException {
        jcmd("JFR.start name=bench settings=profile filename=" + file.toAbsolutePath());
    }

    void stopRecording() throws IOException, InterruptedException {
        jcmd("JFR.stop name=bench");
    }

    /** Native memory by JVM category; needs {@code -Dbench.nmt=true}. */
    String nativeMemory() throws IOException, InterruptedException {
        return jcmd("VM.native_memory summary");
    }

    /** The server's heap by class, as {@code jcmd GC.class_histogram} prints it. */
    String classHistogram() throws IOException, InterruptedException {
        return jcmd("GC.class_histogram");
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process run = new ProcessBuilder(jcmd.toString(), String.valueOf(pid()), command).redirectErrorStream(true).start();
        String out;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            out = reader.lines().collect(Collectors.joining("\n"));
        }
        run.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        node.close();
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
