package dev.ssehub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.BrowserPages;
import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HeadlessChromium;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.NginxProxy;
import dev.ssehub.testing.RedisServer;
import dev.ssehub.testing.SseClient;
import dev.ssehub.testing.TcpProxy;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP/2 as users run it: h2c straight to the nodes (Tomcat's Http2Protocol, Jetty's http2c), and
 * a browser talking HTTP/2 over TLS to the project's nginx, which speaks HTTP/1.1 to the nodes.
 * Many streams share one connection, and each gets every event and its heartbeats.
 */
class Http2IT {

    private static final String PUBLISHER = Deployments.PUBLISHER;
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int STREAMS = 50;
    private static final int EVENTS = 20;

    @RegisterExtension
    static final HeadlessChromium chromium = HeadlessChromium.acceptingAnyCertificate();

    private static RedisServer redis;
    private static ClusterNodes nodes;
    private static NginxProxy nginx;

    @BeforeAll
    static void startCluster() {
        // the nodes serve the browser tests' pages too, so that the page and its streams share an origin
        Path war = Path.of("target", "cluster", "sse-hub-with-pages.war");
        war.toFile().getParentFile().mkdirs();
        BrowserPages.hub("pages", Map.of()).as(ZipExporter.class).exportTo(new File(war.toString()), true);
        redis = new RedisServer();
        redis.start();
        nodes = new ClusterNodes(redis.url(), Map.of(), war);
        nodes.startAll();
        nginx = new NginxProxy();
        nginx.start(nodes.ports());
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
        if (nodes != null) {
            nodes.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void fiftyStreamsOverOneH2cConnectionToTomcatGetEveryEventAndTheirHeartbeats() throws Exception {
        fiftyStreamsOverOneH2cConnection(0);
    }

    @Test
    void fiftyStreamsOverOneH2cConnectionToJettyGetEveryEventAndTheirHeartbeats() throws Exception {
        fiftyStreamsOverOneH2cConnection(1);
    }

    private void fiftyStreamsOverOneH2cConnection(int node) throws Exception {
        String topic = topic();
        // the relay counts the TCP connections the client opens
        try (TcpProxy relay = new TcpProxy(nodes.port(node))) {
            HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            URI base = URI.create("http://127.0.0.1:" + relay.port() + "/");
            // the first request upgrades the connection (Upgrade: h2c); the streams then share it
            HttpResponse<String> health = h2c.send(HttpRequest.newBuilder(base.resolve("api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
            List<SseClient> streams = new ArrayList<>();
            try {
                for (int i = 0; i < STREAMS; i++) {
                    streams.add(SseClient.open(h2c, base.resolve("api/stream?topic=" + topic), Map.of()));
                }
                assertThat(streams).allSatisfy(stream -> {
                    assertThat(stream.status()).isEqualTo(200);
                    assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_2);
                    // the design's headers, and none of HTTP/1.1's connection-specific ones (RFC 9113)
                    assertThat(stream.headers().firstValue("content-type")).get().asString()
                            .matches("(?i)text/event-stream; ?charset=utf-8");
                    assertThat(stream.headers().firstValue("cache-control")).hasValue("no-cache");
                    assertThat(stream.headers().firstValue("x-accel-buffering")).hasValue("no");
                    assertThat(stream.headers().map()).doesNotContainKeys("connection", "keep-alive", "transfer-encoding");
                });
                await().atMost(DEADLINE).until(() -> streams.stream().allMatch(stream -> !stream.comments().isEmpty()));
                List<String> published = publish(topic);
                for (SseClient stream : streams) {
                    assertThat(stream.awaitEvents(EVENTS)).extracting(Event::lastEventId).containsExactlyElementsOf(published);
                }
                // ": ok" when it opens, then an empty comment a second
                await().atMost(DEADLINE).until(() -> streams.stream().allMatch(stream -> heartbeats(stream) >= 2));
                assertThat(relay.accepted()).as("TCP connections for %d streams", STREAMS).isEqualTo(1);
            } finally {
                streams.forEach(SseClient::close);
            }
        }
    }

    @Test
    void aBrowserOpensFiftyStreamsOnOneHttp2ConnectionThroughNginxWithTlsAndEachGetsEveryEventAndHeartbeats() {
        String topic = topic();
        int clients = STREAMS / 2;
        chromium.open(nginx.tlsUrl() + "test/many.html?topic=" + topic + "&clients=" + clients + "&sources="
                + (STREAMS - clients));
        assertThat(chromium.<String>script("return performance.getEntriesByType('navigation')[0].nextHopProtocol;"))
                .isEqualTo("h2");
        // a stream's first heartbeat comes as it opens: then all fifty are open at once, which
        // HTTP/1.1's six connections per origin would not allow
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(streamsWhere("s.heartbeats >= 1"))
                .as("open streams; console: %s", chromium.consoleErrors()).isEqualTo(STREAMS));
        List<String> published = publish(topic);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(streamsWhere("s.ids.length >= " + EVENTS)).isEqualTo(STREAMS));
        List<List<String>> received = chromium.script("return window.__streams.map((s) => s.ids);");
        assertThat(received).allSatisfy(ids -> assertThat(ids).containsExactlyElementsOf(published));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(streamsWhere("s.heartbeats >= 2")).isEqualTo(STREAMS));

        chromium.script("window.__closeAll();");
        // nginx logs a stream when it ends: protocol, connection number, status, URI
        await().atMost(DEADLINE).until(() -> streamLines(topic).size() == STREAMS);
        List<String[]> lines = streamLines(topic);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line[0]).isEqualTo("HTTP/2.0");
            assertThat(line[2]).isEqualTo("200");
        });
        assertThat(lines.stream().map(line -> line[1]).distinct()).as("connections the browser used").hasSize(1);
        chromium.open("about:blank");
    }

    private static long heartbeats(SseClient stream) {
        return stream.comments().stream().filter(String::isEmpty).count();
    }

    private static long streamsWhere(String condition) {
        return chromium.number("window.__streams ? window.__streams.filter((s) => " + condition + ").length : 0")
                .longValue();
    }

    private List<String[]> streamLines(String topic) {
        return nginx.accessLog().stream().map(line -> line.split(" "))
                .filter(line -> line.length == 4 && line[3].startsWith("/api/stream?topic=" + topic)).toList();
    }

    /** Publishes on both nodes in turn, and returns the ids in order. */
    private static List<String> publish(String topic) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            HubHttp node = nodes.http(i % 2);
            ids.add(node.publishOk(PUBLISHER, "{\"topic\":\"" + topic + "\",\"data\":\"" + i + "\"}"));
        }
        return ids;
    }

    private static String topic() {
        return "h2-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
