package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No input reaches a 500 or breaks a stream: random bodies in random encodings, content types and
 * charsets, headers, queries and {@code Last-Event-ID}s, 10,000 cases per endpoint on each
 * container, then a check that all still works and that the history holds only what was accepted.
 */
@ExtendWith(ArquillianExtension.class)
class FuzzIT {

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/x-www-form-urlencoded",
            "application/json; charset=utf-8", "text/plain", "application/json;charset=\"UTF-8\"", ";;", "*/*",
            "APPLICATION/JSON", "application/json; charset", "multipart/form-data; boundary=x", "");
    private static final List<String> CHARSETS = List.of("utf-8", "UTF8", "latin1", "utf-16", "utf-16le",
            "no-such-charset", "", "\"\"", "utf-8; charset=latin1", "*");
    private static final List<Charset> ENCODINGS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16,
            StandardCharsets.UTF_16LE, StandardCharsets.ISO_8859_1);
    /** Bytes no UTF-8 encoder writes: a BOM, a lone lead byte, an overlong NUL, an invalid byte. */
    private static final List<byte[]> ODD_BYTES = List.of(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {0});
    private static final List<String> HEADERS = List.of("Accept", "Accept-Charset", "Accept-Encoding", "Cache-Control",
            "Content-Encoding", "Content-Language", "X-Forwarded-For", "X-Forwarded-Proto", "Forwarded", "Cookie",
            "Idempotency-Key", "Origin");
    private static final List<String> FRAGMENTS = List.of("{", "}", "[", "]", "\"", ":", ",", "topic", "topics",
            "data", "event", "retry", "private", "users", "id", "null", "true", "-1", "1e999", "\\u0000", "\\ud800",
            "\r\n", "&", "=", "%", "%0D", "%F0%9F", "+", "é", "😀", " ", "error", "default", "a b", "gzip", "identity",
            "*", ";", "127.0.0.1", "null", "https://evil.example");

    /**
     * Query parameters sent as they are: well-formed escapes that do not decode to UTF-8 (Jetty
     * answered those with its own HTML page), in parameters the hub reads and in others.
     */
    private static final List<String> RAW_PARAMETERS = List.of("topic=%C3%28", "topic=%FF", "lastEventId=%ED%A0%80",
            "heartbeat=%E2%82", "other=%C0%AF", "x=%F0%9F", "topic=caf%C3%A9", "topic=%E2%82%AC", "access_token=%FE");

    /** Requests to each endpoint; {@code -Dssehub.fuzz.cases=20000} for a longer run than the build's. */
    private static final int CASES = Integer.getInteger("ssehub.fuzz.cases", 10_000);

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hub("fuzz", Deployments.baseSettings());
    }

    @Test
    void randomRequestsGetAnAnswerBelow500AndTheStreamStaysWhole() {
        HubHttp hub = new HubHttp(base);
        Random random = new Random(42);
        try (SseClient witness = SseClient.open(hub.stream(List.of("default", "fuzz"), null))) {
            int accepted = 0; // events published, all of them
            int witnessed = 0; // of those, the ones on the witness's topics
            String previous = "";
            for (int i = 0; i < CASES; i++) {
                Map<String, String> headers = oddHeaders(random, i);
                headers.put("Authorization", "Bearer " + Deployments.PUBLISHER);
                String type = contentType(random);
                if (type != null) {
                    headers.put("Content-Type", type);
                }
                byte[] body = body(random);
                HttpResponse<String> publish;
                try {
                    publish = hub.postBytes("api/events", headers, body);
                } catch (UncheckedIOException broken) {
                    // the connection is reused: what broke it may be the request before
                    throw new AssertionError("no answer to " + headers + " " + Arrays.toString(body)
                            + " after " + previous, broken);
                } catch (IllegalArgumentException notAHeaderValue) {
                    continue; // the JDK's client refuses to send it; a browser would not send it either
                }
                String sent = headers + " " + new String(body, StandardCharsets.ISO_8859_1);
                previous = sent + " answered " + publish.statusCode() + " " + publish.headers().map() + " " + publish.body();
                assertThat(publish.statusCode()).as(sent).isIn(202, 400, 403, 413, 415);
                if (publish.statusCode() == 202) {
                    JsonStructure receipts = HubHttp.json(publish.body());
                    for (JsonValue receipt : receipts instanceof JsonArray batch ? batch : List.<JsonValue>of(receipts.asJsonObject())) {
                        accepted++;
                        // the witness is the only stream that can take an event: any other that
                        // lingers is anonymous too, so an event reached someone exactly when it
                        // was public and on the witness's topics
                        if (receipt.asJsonObject().getInt("recipients") > 0) {
                            witnessed++;
                        }
                    }
                } else {
                    assertThat(HubHttp.json(publish.body()).asJsonObject().getString("message")).as(sent).isNotBlank();
                    if (publish.statusCode() == 403) {
                        assertThat(headers).as("only a foreign page is refused this publisher").containsKey("Origin");
                    }
                }
                String raw = random.nextInt(4) == 0 ? "&" + RAW_PARAMETERS.get(random.nextInt(RAW_PARAMETERS.size())) : "";
                URI query = hub.uri("api/stream?topic=" + URLEncoder.encode(randomText(random), StandardCharsets.UTF_8)
                        + "&lastEventId=" + URLEncoder.encode(randomText(random), StandardCharsets.UTF_8) + raw);
                Map<String, String> streamHeaders = oddHeaders(random, i);
                streamHeaders.remove("Idempotency-Key");
                String lastId = headerValue(random);
                if (!lastId.isBlank()) {
                    streamHeaders.put("Last-Event-ID", lastId);
                }
                try (SseClient stream = SseClient.open(query, streamHeaders)) {
                    assertThat(stream.status()).as(query + " " + streamHeaders).isIn(200, 400);
                    if (stream.status() == 400) {
                        // the hub's JSON, never a container's page
                        assertThat(HubHttp.json(stream.errorBody()).asJsonObject().getString("error")).as(query.toString())
                                .isNotBlank();
                    }
                } catch (IllegalArgumentException notAHeaderValue) {
                    // the JDK's client refuses to send it; no server would see it from a browser either
                }
            }

            String id = hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"fuzz\",\"data\":\"still whole\"}");

            List<Event> events = witness.awaitEvents(witnessed + 1);
            assertThat(hub.stats().getJsonNumber("published").longValue()).as("the history holds only what was accepted")
                    .isEqualTo(accepted + 1);
            assertThat(events.get(events.size() - 1)).isEqualTo(new Event("message", "still whole", id));
            assertThat(events).hasSize(witnessed + 1);
        }
    }

    /** Mostly a type the hub takes, with now and then an odd charset; {@code null} for none. */
    private static String contentType(Random random) {
        int pick = random.nextInt(CONTENT_TYPES.size() + 2);
        if (pick == CONTENT_TYPES.size() + 1) {
            return null;
        }
        String type = CONTENT_TYPES.get(pick % CONTENT_TYPES.size());
        return random.nextInt(4) == 0 ? type + "; charset=" + CHARSETS.get(random.nextInt(CHARSETS.size())) : type;
    }

    /** Random text in a random encoding, now and then with bytes that are not UTF-8 spliced in. */
    private static byte[] body(Random random) {
        Charset charset = random.nextInt(3) == 0 ? ENCODINGS.get(random.nextInt(ENCODINGS.size())) : StandardCharsets.UTF_8;
        byte[] text = randomText(random).getBytes(charset);
        if (random.nextInt(5) != 0) {
            return text;
        }
        byte[] odd = ODD_BYTES.get(random.nextInt(ODD_BYTES.size()));
        int at = random.nextInt(text.length + 1);
        byte[] spliced = new byte[text.length + odd.length];
        System.arraycopy(text, 0, spliced, 0, at);
        System.arraycopy(odd, 0, spliced, at, odd.length);
        System.arraycopy(text, at, spliced, at + odd.length, text.length - at);
        return spliced;
    }

    /** None, one or a few headers with random values; an idempotency key is never repeated. */
    private static Map<String, String> oddHeaders(Random random, int index) {
        Map<String, String> headers = new LinkedHashMap<>();
        int count = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < count; i++) {
            String name = HEADERS.get(random.nextInt(HEADERS.size()));
            String value = headerValue(random);
            headers.put(name, name.equals("Idempotency-Key") ? "fuzz-" + index + ":" + value : value);
        }
        return headers;
    }

    /** Random text with what no HTTP header can carry taken out. */
    private static String headerValue(Random random) {
        return randomText(random).replaceAll("[\\r\\n\\x00]", "").trim();
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int parts = 1 + random.nextInt(12);
        for (int i = 0; i < parts; i++) {
            text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
        }
        return text.toString();
    }
}
