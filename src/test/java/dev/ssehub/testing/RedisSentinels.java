package dev.ssehub.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis primary with one replica, watched by three {@code redis-sentinel} processes (quorum 2),
 * all real processes on loopback; {@link #killPrimary} ends the primary as a crash would, and
 * the sentinels promote the replica.
 */
public final class RedisSentinels implements AutoCloseable {

    public static final String MASTER = "ssehub";

    private final Path directory;
    private final int primaryPort = FreePort.find();
    private final int replicaPort = FreePort.find();
    private final int[] sentinelPorts = {FreePort.find(), FreePort.find(), FreePort.find()};
    private Process primary;
    private Process replica;
    private final List<Process> sentinels = new ArrayList<>();

    public RedisSentinels() {
        this.directory = Path.of("target", "sentinels-" + primaryPort).toAbsolutePath();
    }

    public RedisSentinels start() {
        try {
            Files.createDirectories(directory);
            primary = server(primaryPort, List.of());
            replica = server(replicaPort, List.of("--replicaof", "127.0.0.1", String.valueOf(primaryPort)));
            for (int port : sentinelPorts) {
                Path config = directory.resolve("sentinel-" + port + ".conf");
                Files.writeString(config, String.join("\n",
                        "port " + port,
                        "bind 127.0.0.1",
                        "dir " + directory,
                        "sentinel monitor " + MASTER + " 127.0.0.1 " + primaryPort + " 2",
                        "sentinel down-after-milliseconds " + MASTER + " 1000",
                        "sentinel failover-timeout " + MASTER + " 10000",
                        "sentinel parallel-syncs " + MASTER + " 1", ""));
                sentinels.add(new ProcessBuilder("redis-sentinel", config.toString()).redirectErrorStream(true)
                        .redirectOutput(directory.resolve("sentinel-" + port + ".log").toFile()).start());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server or redis-sentinel did not start; is it installed? "
                    + "(.ci/run installs redis-server and redis-sentinel)", e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ask(replicaPort, "INFO replication")
                .contains("master_link_status:up"));
        for (int port : sentinelPorts) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ask(port, "SENTINEL replicas " + MASTER)
                    .contains(String.valueOf(replicaPort)));
        }
        return this;
    }

    private Process server(int port, List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always",
                "--appenddirname", "aof-" + port, "--dir", directory.toString()));
        command.addAll(extra);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis-" + port + ".log").toFile()).start();
    }

    /** Lettuce's form: every sentinel, then the master's name. */
    public String url() {
        StringBuilder url = new StringBuilder("redis-sentinel://");
        for (int i = 0; i < sentinelPorts.length; i++) {
            url.append(i == 0 ? "" : ",").append("127.0.0.1:").append(sentinelPorts[i]);
        }
        return url.append("#").append(MASTER).toString();
    }

    /** Ends the primary at once; its unreplicated writes are lost with it. */
    public void killPrimary() throws InterruptedException {
        primary.destroyForcibly();
        primary.waitFor(20, TimeUnit.SECONDS);
    }

    /** Whether the sentinels now name the replica as the master. */
    public boolean replicaPromoted() {
        return ask(sentinelPorts[0], "SENTINEL get-master-addr-by-name " + MASTER).contains(String.valueOf(replicaPort));
    }

    /**
     * One inline command's raw answer, or what came of it before the server fell silent (a
     * sentinel does not know QUIT, so the answer's end is found by waiting); empty when it does
     * not answer at all.
     */
    private static String ask(int port, String command) {
        StringBuilder answer = new StringBuilder();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException answered) {
            // the whole answer has come
        } catch (IOException notYet) {
            return "";
        }
        return answer.toString();
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>(sentinels);
        all.add(replica);
        all.add(primary);
        for (Process process : all) {
            if (process != null) {
                process.destroyForcibly();
                try {
                    process.waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
