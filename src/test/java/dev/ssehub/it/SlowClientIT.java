package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that stops reading is closed once it is its buffer behind; the others never notice.
 * The publisher is paced on the healthy reader's progress, never more than {@link #WINDOW} batches
 * ahead of it (half its buffer), so however slow this machine is the healthy reader cannot fall a
 * buffer behind, while the stalled client's backlog grows by all 25 MiB, far past its buffer and
 * whatever the kernel's socket buffers hold.
 */
@ExtendWith(ArquillianExtension.class)
class SlowClientIT {

    private static final String PUBLISHER = Deployments.PUBLISHER;
    private static final int BATCHES = 400;
    private static final int PER_BATCH = 4;
    private static final String PAYLOAD = "x".repeat(16 * 1024);
    /** 8 batches of 4 × 16 KiB: 512 KiB, half the 1 MiB client buffer. */
    private static final int WINDOW = 8;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = Deployments.baseSettings();
        settings.put("ssehub.client.buffer.bytes", "1048576");
        return Deployments.hub("slow", settings);
    }

    @Test
    void closesAStalledClientAndKeepsServingTheHealthyOne() throws IOException {
        HubHttp hub = new HubHttp(base);
        try (Socket stalled = stalledSubscriber();
                SseClient healthy = SseClient.open(hub.stream(List.of("flood"), null))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.stats().getJsonObject("topics").getInt("flood", 0) == 2);

            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < PER_BATCH; i++) {
                batch.append(i == 0 ? "" : ",").append("{\"topic\":\"flood\",\"data\":\"").append(PAYLOAD).append("\"}");
            }
            String body = batch.append(']').toString();
            for (int i = 0; i < BATCHES; i++) {
                int received = (i - WINDOW) * PER_BATCH;
                await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                        .until(() -> healthy.eventCount() >= received || healthy.ended());
                assertThat(healthy.ended()).as("the healthy subscriber is still connected").isFalse();
                assertThat(hub.publishJson(PUBLISHER, body).statusCode()).isEqualTo(202);
            }

            List<Event> events = healthy.awaitEvents(BATCHES * PER_BATCH);
            assertThat(healthy.ended()).as("the healthy subscriber is still connected").isFalse();
            assertThat(events).hasSize(BATCHES * PER_BATCH).allMatch(e -> e.data().equals(PAYLOAD));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> hub.stats().getJsonNumber("slowClientsClosed").longValue() >= 1);
            assertThat(hub.stats().getJsonObject("topics").getInt("flood")).isEqualTo(1);
            assertThat(hub.stats().getJsonNumber("dropped").longValue()).isPositive();
        }
    }

    /** Asks for the stream on a socket with a tiny receive buffer, and never reads from it. */
    private Socket stalledSubscriber() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress(HubHttp.loopback(base).getHost(), base.getPort()), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + base.getPath() + "api/stream?topic=flood HTTP/1.1\r\nHost: " + HubHttp.loopback(base).getHost() + "\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
