package dev.ssehub.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real nginx running the project's {@code docker/nginx.conf}, with only what must differ on
 * this machine rewritten: its ports, the upstream's servers (the test's nodes), its files and a
 * self-signed certificate for its TLS port, made here with openssl. Every proxy setting SSE
 * depends on is the file's own. Its access log records each request's protocol and connection.
 */
public final class NginxProxy implements AutoCloseable {

    private static final List<String> NGINX = List.of("/usr/sbin/nginx", "/usr/bin/nginx");

    private final int port = FreePort.find();
    private final int tlsPort = FreePort.find();
    private final Path directory = Path.of("target", "nginx-" + port).toAbsolutePath();
    private Process process;

    /** @param upstreamPorts the loopback ports of the nodes, in the upstream's order */
    public NginxProxy start(List<Integer> upstreamPorts) {
        try {
            Files.createDirectories(directory.resolve("temp"));
            // workers run as an unprivileged user when nginx is started as root
            Files.setPosixFilePermissions(directory.resolve("temp"), PosixFilePermissions.fromString("rwxrwxrwx"));
            makeCertificate();
            Files.writeString(directory.resolve("nginx.conf"), rewrite(Files.readString(Path.of("docker", "nginx.conf")),
                    upstreamPorts));
            String nginx = NGINX.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("nginx is not installed (.ci/run installs nginx-light)"));
            process = new ProcessBuilder(nginx, "-p", directory.toString(), "-c", directory.resolve("nginx.conf").toString(),
                    "-e", directory.resolve("error.log").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(20)).until(this::listens);
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** The TLS port, with HTTP/2, behind a certificate no browser trusts. */
    public String tlsUrl() {
        return "https://127.0.0.1:" + tlsPort + "/";
    }

    /**
     * The requests finished so far, one line each: {@code protocol connection status uri}, e.g.
     * {@code HTTP/2.0 3 200 /api/stream?topic=a}. nginx writes a stream's line when it ends.
     */
    public List<String> accessLog() {
        try {
            Path log = directory.resolve("access.log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void makeCertificate() throws IOException {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", directory.resolve("hub.key").toString(),
                "-out", directory.resolve("hub.crt").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("openssl.log").toFile()).start();
        try {
            if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException("openssl did not make a certificate; see " + directory.resolve("openssl.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String rewrite(String config, List<Integer> upstreamPorts) {
        String servers = upstreamPorts.stream()
                .map(upstream -> "        server 127.0.0.1:" + upstream + " max_fails=1 fail_timeout=2s;")
                .collect(Collectors.joining("\n"));
        String temp = directory.resolve("temp").toString();
        String rewritten = config
                .replaceAll("(?m)^\\s*server\\s+hub-[^;]*;\\n", "")
                .replace("upstream ssehub {", "upstream ssehub {\n" + servers)
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                .replace("listen 443 ssl http2;", "listen 127.0.0.1:" + tlsPort + " ssl http2;")
                .replace("/etc/nginx/certs/", directory + "/")
                .replace("access_log off;", "log_format streams '$server_protocol $connection $status $request_uri';\n"
                        + "    access_log " + directory.resolve("access.log") + " streams;")
                .replace("error_log /dev/stderr warn;", "error_log " + directory.resolve("error.log") + " warn;")
                .replace("pid /tmp/nginx.pid;", "pid " + directory.resolve("nginx.pid") + ";")
                .replace("http {", "http {\n    client_body_temp_path " + temp + "/body;\n    proxy_temp_path " + temp
                        + "/proxy;\n    fastcgi_temp_path " + temp + "/fastcgi;\n    uwsgi_temp_path " + temp
                        + "/uwsgi;\n    scgi_temp_path " + temp + "/scgi;");
        if (rewritten.contains("hub-") || !rewritten.contains("127.0.0.1:" + upstreamPorts.get(0))
                || !rewritten.contains(tlsPort + " ssl") || rewritten.contains("/etc/nginx")
                || !rewritten.contains("access.log")) {
            throw new IllegalStateException("docker/nginx.conf no longer has the shape this test rewrites");
        }
        return rewritten;
    }

    private boolean listens() {
        if (!process.isAlive()) {
            throw new IllegalStateException("nginx ended; see " + directory.resolve("error.log"));
        }
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
