package dev.ssehub.testing.node;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A hub node in a process of its own ({@link NodeMain}), started from this JVM's class path with
 * only the chosen container's jars, so that the WAR brings its own CDI and Weld as on a stock
 * server. It can be stopped politely or killed, as a crashed node would be.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;
    private final int port;

    private NodeProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * @param container {@code jetty} or {@code tomcat}
     * @param jvmOptions options for the node's JVM, settings as {@code -Dssehub...=...} among them
     * @param log where the node's output goes; {@code READY} there means it serves
     */
    public static NodeProcess start(String container, int port, Path war, List<String> jvmOptions, Path log)
            throws IOException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> keep(container, entry))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, NodeMain.class.getName(), container, String.valueOf(port),
                war.toAbsolutePath().toString()));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NodeProcess node = new NodeProcess(process, log, port);
        node.awaitReady();
        return node;
    }

    /** This launcher's classes and the chosen container's jars; the hub's classes come from the WAR. */
    private static boolean keep(String container, String entry) {
        String name = Path.of(entry).getFileName().toString();
        if (Files.isDirectory(Path.of(entry))) {
            return name.equals("test-classes") || name.equals("bench-classes");
        }
        if (container.equals("tomcat")) {
            return name.startsWith("tomcat-embed-") || name.startsWith("tomcat-annotations");
        }
        return name.startsWith("jetty-") || name.startsWith("slf4j-") || name.startsWith("asm-")
                || name.startsWith("jakarta.servlet-api") || name.startsWith("jakarta.annotation-api")
                || name.startsWith("jakarta.transaction-api");
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node died while starting; see " + log.toAbsolutePath());
            }
            if (Files.exists(log) && Files.readString(log).contains("READY")) {
                return;
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS); // polls the log; returns early if it dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the node started", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the node did not start within " + START_LIMIT + "; see " + log.toAbsolutePath());
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Ends the node at once, as a crash would: no stream is closed politely. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
