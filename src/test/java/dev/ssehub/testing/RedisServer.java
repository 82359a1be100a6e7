package dev.ssehub.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a loopback port of its own, writing every command to its
 * append-only file before it answers, as a production Redis that must not lose accepted events
 * is set up: killing it and starting it again on the same port is an outage that loses nothing.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path directory;
    private Process process;

    public RedisServer() {
        this.port = FreePort.find();
        this.directory = Path.of("target", "redis-" + port).toAbsolutePath();
    }

    public RedisServer start() {
        try {
            Files.createDirectories(directory);
            process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", directory.toString()))
                    .redirectErrorStream(true).redirectOutput(directory.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not start; is it installed? (.ci/run installs it)", e);
        }
        await().atMost(Duration.ofSeconds(20)).until(this::answers);
        return this;
    }

    /** Ends the server as a crash would; its append-only file keeps what it acknowledged. */
    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Freezes the server (SIGSTOP): its connections stay up, and it answers nothing until {@link #resume}. */
    public void pause() {
        Signals.send("STOP", process.pid());
    }

    public void resume() {
        Signals.send("CONT", process.pid());
    }

    /** Empties the server behind the hub's back, as a Redis restarted without its data would be. */
    public void flushAll() {
        String reply = call("FLUSHALL");
        if (!reply.equals("+OK")) {
            throw new IllegalStateException("FLUSHALL was refused: " + reply);
        }
    }

    /** Sends one command straight to the server, behind the hub's back; returns its reply's first line. */
    public String call(String... command) {
        StringBuilder request = new StringBuilder("*").append(command.length).append("\r\n");
        for (String part : command) {
            request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part)
                    .append("\r\n");
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            BufferedReader reply = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = reply.readLine();
            // a bulk string's length line is followed by the string
            return first != null && first.startsWith("$") && !first.equals("$-1") ? reply.readLine() : first;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private boolean answers() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes());
            byte[] reply = new byte[7];
            return socket.getInputStream().read(reply) > 0 && new String(reply).startsWith("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
