package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a browser never sends: malformed HTTP, and a request a byte at a time while everyone else
 * is served. (A stream that never reads: {@link SlowClientIT}.)
 */
@ExtendWith(ArquillianExtension.class)
class RawSocketIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hub("raw", Deployments.baseSettings());
    }

    @Test
    void malformedRequestsGetA4xxOrAClosedConnectionAndNothingElseChanges() throws IOException {
        List<String> malformed = List.of(
                "GARBAGE\r\n\r\n",
                "GET " + path() + "api/stream?topic=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "POST " + path() + "api/events HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\nConnection: close\r\n\r\n",
                "POST " + path() + "api/events HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\nzz\r\n",
                "GET " + path() + "api/stream HTTP/1.1\r\nHost: x\r\nLast-Event-ID: \u00ff\u00fe\r\nConnection: close\r\n\r\n",
                "GET " + path() + "api/stream HTTP/1.1\r\n" + "X-Long: " + "a".repeat(70_000) + "\r\n\r\n");
        HubHttp hub = new HubHttp(base);
        try (SseClient witness = SseClient.open(hub.stream(List.of("raw"), null))) {
            await().until(() -> !witness.comments().isEmpty());
            for (String request : malformed) {
                String answer = exchange(request);
                assertThat(answer).as(request.substring(0, Math.min(60, request.length())))
                        .satisfiesAnyOf(text -> assertThat(text).isEmpty(),
                                text -> assertThat(text).matches("(?s)HTTP/1\\.[01] 4\\d\\d.*"));
            }
            String id = hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"raw\",\"data\":\"still serving\"}");
            assertThat(witness.awaitEvents(1)).containsExactly(new Event("message", "still serving", id));
        }
    }

    @Test
    void aLastEventIdHoldingATabOrASpaceIsRefusedWithJson() throws IOException {
        for (String id : List.of("1-1\t2", "1-1 2")) {
            String answer = exchangeWhole("GET " + path() + "api/stream?topic=raw HTTP/1.1\r\nHost: x\r\nLast-Event-ID: "
                    + id + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(id).startsWith("HTTP/1.1 400")
                    .contains("\"error\":\"bad_request\"").contains("Last-Event-ID");
        }
    }

    @Test
    void aRequestSentAByteAtATimeHoldsNobodyElseUp() throws IOException {
        HubHttp hub = new HubHttp(base);
        byte[] request = ("GET " + path() + "api/stream?topic=raw HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (Socket slow = new Socket(HubHttp.loopback(base).getHost(), base.getPort());
                SseClient witness = SseClient.open(hub.stream(List.of("raw"), null))) {
            OutputStream out = slow.getOutputStream();
            int sent = 0;
            // between each byte the rest of the world is served: a publish and its delivery
            for (; sent < request.length / 2; sent++) {
                out.write(request[sent]);
                out.flush();
                if (sent % 10 == 0) {
                    String id = hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"raw\",\"data\":\"" + sent + "\"}");
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> witness.events().stream().anyMatch(event -> event.lastEventId().equals(id)));
                }
            }
            out.write(request, sent, request.length - sent);
            out.flush();
            slow.setSoTimeout(10_000);
            byte[] head = slow.getInputStream().readNBytes(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        }
    }

    /** The deployment's context path, ending with a slash. */
    private String path() {
        return base.getPath();
    }

    /** The whole answer to a request that asks the server to close the connection after it. */
    private String exchangeWhole(String request) throws IOException {
        try (Socket socket = new Socket(HubHttp.loopback(base).getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(HubHttp.loopback(base).getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                socket.shutdownOutput();
            } catch (IOException closedEarly) {
                // the server may refuse before the whole request is sent
            }
            InputStream in = socket.getInputStream();
            try {
                return new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
            } catch (IOException reset) {
                return "";
            }
        }
    }
}
