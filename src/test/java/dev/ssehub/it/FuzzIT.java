package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** No input reaches a 500 or breaks a stream: random bodies and queries, then a check that all still works. */
@ExtendWith(ArquillianExtension.class)
class FuzzIT {

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/x-www-form-urlencoded",
            "application/json; charset=utf-8", "text/plain", "application/json;charset=\"UTF-8\"", ";;", "*/*");
    private static final List<String> FRAGMENTS = List.of("{", "}", "[", "]", "\"", ":", ",", "topic", "topics",
            "data", "event", "retry", "private", "users", "id", "null", "true", "-1", "1e999", "\\u0000", "\\ud800",
            "\r\n", "&", "=", "%", "%0D", "%F0%9F", "+", "é", "😀", " ", "error", "default", "a b");

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
            int accepted = 0;
            for (int i = 0; i < 400; i++) {
                String body = randomText(random);
                String type = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
                HttpResponse<String> publish = hub.post("api/events", Deployments.PUBLISHER, type, body);
                assertThat(publish.statusCode()).as("%s %s", type, body).isIn(202, 400, 413, 415);
                if (publish.statusCode() == 202) {
                    accepted++;
                } else {
                    assertThat(HubHttp.json(publish.body()).asJsonObject().getString("message")).isNotBlank();
                }
                URI query = hub.uri("api/stream?topic=" + URLEncoder.encode(randomText(random), StandardCharsets.UTF_8)
                        + "&lastEventId=" + URLEncoder.encode(randomText(random), StandardCharsets.UTF_8));
                try (SseClient stream = SseClient.open(query)) {
                    assertThat(stream.status()).as(query.toString()).isIn(200, 400);
                }
            }

            String id = hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"fuzz\",\"data\":\"still whole\"}");

            List<Event> events = witness.awaitEvents(accepted + 1);
            assertThat(events.get(events.size() - 1)).isEqualTo(new Event("message", "still whole", id));
            assertThat(events).hasSize(accepted + 1);
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
