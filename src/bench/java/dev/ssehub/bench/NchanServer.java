package dev.ssehub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx with the nchan module, the benchmark's peer: a master process of this JVM's own with its
 * workers, configured in a directory of its own ({@link NchanConfig}), on a free port of
 * 127.0.0.1. Its CPU time is that of the master and every worker.
 */
final class NchanServer implements MeasuredServer, AutoCloseable {

    /** The hard limit of open files per process on the benchmark's machine. */
    private static final int OPEN_FILES = 20_000;

    private final Process master;
    private final Path directory;
    private final int port;
    private final int workers;
    private final Thread stopAtExit;

    private NchanServer(Process master, Path directory, int port, int workers) {
        this.master = master;
        this.directory = directory;
        this.port = port;
        this.workers = workers;
        // a benchmark stopped with Ctrl-C must not leave an nginx behind on the machine
        this.stopAtExit = new Thread(this::stop, "stop-nchan");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Starts nginx in {@code directory}, which it writes its configuration, pid, logs and temporary files into.
     *
     * @param heartbeatSeconds how often each stream gets a comment
     */
    static NchanServer start(NchanInstallation installation, Path directory, int heartbeatSeconds) throws IOException {
        Path home = directory.toAbsolutePath();
        Files.createDirectories(home.resolve("temp"));
        Files.deleteIfExists(home.resolve("error.log"));
        int port = freePort();
        int workers = Runtime.getRuntime().availableProcessors();
        Path config = home.resolve("nginx.conf");
        Files.writeString(config, NchanConfig.text(installation.module(), port, workers, OPEN_FILES, heartbeatSeconds));
        List<String> command = List.of(installation.nginx().toString(),
                "-p", home + "/",
                "-e", home.resolve("error.log").toString(), // before the config is read, too
                "-c", config.toString(),
                "-g", "daemon off;");
        Process master = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("nginx.out").toFile()).start();
        NchanServer server = new NchanServer(master, home, port, workers);
        try {
            server.awaitListening();
        } catch (RuntimeException notStarted) {
            server.close();
            throw notStarted;
        }
        return server;
    }

    NchanApi api() {
        return new NchanApi(port);
    }

    int workers() {
        return workers;
    }

    /** What nginx says it is, e.g. {@code nginx/1.22.1 nchan/1.3.6}. */
    String version() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + NchanConfig.VERSION)).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII)).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The master's time and its workers': the workers do the serving. A worker that has exited
     * and been waited for is in the master's children's times.
     */
    @Override
    public long cpuNanos() throws IOException {
        ProcessCpu own = ProcessCpu.of(master.pid());
        long total = own.total() + own.reapedChildrenUser() + own.reapedChildrenSystem();
        for (ProcessHandle worker : master.descendants().toList()) {
            total += workerCpu(worker).total();
        }
        return total;
    }

    @Override
    public long systemCpuNanos() throws IOException {
        ProcessCpu own = ProcessCpu.of(master.pid());
        long total = own.system() + own.reapedChildrenSystem();
        for (ProcessHandle worker : master.descendants().toList()) {
            total += workerCpu(worker).system();
        }
        return total;
    }

    /**
     * Memory of the master and the workers together: the sum of their proportional set sizes, in
     * which a page they share (code, nchan's shared memory) counts once, split between them.
     */
    long residentBytes() throws IOException {
        long total = proportionalSetBytes(master.pid());
        for (ProcessHandle worker : master.descendants().toList()) {
            total += proportionalSetBytes(worker.pid());
        }
        return total;
    }

    private static long proportionalSetBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
            if (line.startsWith("Pss:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no Pss for process " + pid);
    }

    private static ProcessCpu workerCpu(ProcessHandle worker) throws IOException {
        try {
            return ProcessCpu.of(worker.pid());
        } catch (NoSuchFileException exited) {
            return new ProcessCpu(0, 0, 0, 0);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs, or has run, anyway
        }
    }

    /**
     * SIGTERM to the master: nginx's fast shutdown, which ends the workers and waits for them.
     * Should the master not end, it and the workers it started are killed, by their own ids.
     */
    private void stop() {
        List<ProcessHandle> started = master.descendants().toList();
        master.destroy();
        try {
            if (!master.waitFor(20, TimeUnit.SECONDS)) {
                master.destroyForcibly();
                master.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // ProcessHandle knows each worker's start time, so a reused pid is never hit
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private void awaitListening() {
        Subscribers.await(() -> !master.isAlive() || accepts(port), 30, "nginx to listen on port " + port);
        if (!master.isAlive()) {
            throw new IllegalStateException("nginx did not start; see " + directory.resolve("nginx.out")
                    + " and " + directory.resolve("error.log"));
        }
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
