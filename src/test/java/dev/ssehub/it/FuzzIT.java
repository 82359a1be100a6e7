package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * No input reaches a 500 or breaks a stream: random bodies, content types, queries and
 * {@code Last-Event-ID}s, 10,000 cases per endpoint on each container,
 * then a check that all still works and that the history holds only what was accepted.
 */
@ExtendWith(ArquillianExtension.class)
class FuzzIT {

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/x-www-form-urlencoded",
            "application/json; charset=utf-8", "text/plain", "application/json;charset=\"UTF-8\"", ";;", "*/*");
    private static final List<String> FRAGMENTS = List.of("{", "}", "[", "]", "\"", ":", ",", "topic", "topics",
            "data", "event", "retry", "private", "users", "id", "null", "true", "-1", "1e999", "\\u0000", "\\ud800",
            "\r\n", "&", "=", "%", "%0D", "%F0%9F", "+", "é", "😀", " ", "error", "default", "a b");

    private static final int CASES = 10_000;

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
            for (int i = 0; i < CASES; i++) {
                String body = randomText(random);
                String type = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
                HttpResponse<String> publish = hub.post("api/events", Deployments.PUBLISHER, type, body);
                assertThat(publish.statusCode()).as("%s %s", type, body).isIn(202, 400, 413, 415);
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
                    assertThat(HubHttp.json(publish.body()).asJsonObject().getString("message")).isNotBlank();
                }
                URI query = hub.uri("api/stream?topic=" + URLEncoder.encode(randomText(random), StandardCharsets.UTF_8)
                        + "&lastEventId=" + URLEncoder.encode(randomText(random), StandardCharsets.UTF_8));
                String lastId = randomText(random).replaceAll("[\\r\\n\\x00]", "");
                try (SseClient stream = SseClient.open(query, lastId.isBlank() ? Map.of() : Map.of("Last-Event-ID", lastId))) {
                    assertThat(stream.status()).as(query + " " + lastId).isIn(200, 400);
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

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int parts = 1 + random.nextInt(12);
        for (int i = 0; i < parts; i++) {
            text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
        }
        return text.toString();
    }
}
