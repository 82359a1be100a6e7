package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/stream} on a deployed WAR, spoken to over real HTTP. */
@ExtendWith(ArquillianExtension.class)
class StreamIT {

    private static final String PUBLISHER = Deployments.PUBLISHER;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = Deployments.baseSettings();
        settings.put("ssehub.retry.millis", "2500");
        return Deployments.hub("stream", settings);
    }

    @Test
    void opensWithTheSseHeadersARetryLineAndAComment() {
        try (SseClient client = SseClient.open(hub().stream(List.of("open"), null))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.headers().firstValue("Content-Type")).get().asString()
                    .matches("(?i)text/event-stream; ?charset=utf-8");
            assertThat(client.headers().firstValue("Cache-Control")).contains("no-cache");
            assertThat(client.headers().firstValue("X-Accel-Buffering")).contains("no");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.retry() != null && !client.comments().isEmpty());
            assertThat(client.retry()).isEqualTo(2500L);
            assertThat(client.comments().get(0)).isEqualTo(" ok");
        }
    }

    @Test
    void sendsHeartbeatCommentsWhileIdle() {
        try (SseClient client = SseClient.open(hub().stream(List.of("idle"), null))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> client.comments().size() >= 3);
            assertThat(client.events()).isEmpty();
        }
    }

    @Test
    void deliversEveryKindOfPayloadAsPublishedWithLineBreaksAsLf() {
        String large = ("0123456789abcdef".repeat(63) + "é\r\n").repeat(66).substring(0, 65_536);
        List<String> payloads = List.of("plain", "two\nlines", "crlf\r\nlines", "lone\rcr", "trailing\n",
                "", "  leading spaces", "中文 and emoji 😀🎉", "tab\tand: colon", large);
        try (SseClient client = SseClient.open(hub().stream(List.of("payloads"), null))) {
            for (String payload : payloads) {
                hub().publishOk(PUBLISHER, jsonObject("payloads", payload, null));
            }

            List<Event> events = client.awaitEvents(payloads.size());

            assertThat(events).extracting(Event::data).containsExactlyElementsOf(
                    payloads.stream().map(p -> p.replace("\r\n", "\n").replace('\r', '\n')).toList());
            assertThat(events).extracting(Event::type).containsOnly("message");
        }
    }

    @Test
    void sendsHeartbeatsAsEventsThePageCanSeeWhenAsked() {
        try (SseClient client = SseClient.open(hub().stream(List.of("beats"), "heartbeat=event"));
                SseClient plain = SseClient.open(hub().stream(List.of("beats"), null))) {
            List<Event> beats = client.awaitEvents(2);

            // the first comes with the opening, the next after one interval (1 s in these deployments)
            assertThat(beats).containsOnly(new Event("heartbeat", "{\"seconds\":1}", ""));
            await().until(() -> plain.comments().size() >= 2);
            assertThat(plain.events()).isEmpty();
        }
        assertThat(hub().get("api/stream?heartbeat=often", null).statusCode()).isEqualTo(400);
        assertThat(hub().publishJson(PUBLISHER, jsonObject("beats", "{}", "heartbeat")).statusCode())
                .as("a publisher cannot forge it").isEqualTo(400);
    }

    @Test
    void answersHeadWithTheHeadersOfAStreamAndOpensNone() {
        HttpResponse<String> head = hub().request("HEAD", "api/stream?topic=heads", null, Map.of());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        assertThat(hub().request("HEAD", "api/stream?topic=bad%20topic", null, Map.of()).statusCode()).isEqualTo(400);
        HttpResponse<String> badToken = hub().request("HEAD", "api/stream?access_token=not-a-token", null, Map.of());
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThat(badToken.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        assertThat(badToken.body()).isEmpty();
        assertThat(hub().stats().getJsonObject("topics").getInt("heads", 0)).isZero();
    }

    @Test
    void deliversEventTypesAndIdsThatResumeTheStream() {
        try (SseClient client = SseClient.open(hub().stream(List.of("typed"), null))) {
            String id = hub().publishOk(PUBLISHER, jsonObject("typed", "9.5", "price"));

            Event event = client.awaitEvents(1).get(0);

            assertThat(event).isEqualTo(new Event("price", "9.5", id));
            assertThat(id).matches("\\d+-\\d+");
        }
    }

    @Test
    void sendsAnEventOnSeveralTopicsOnceAndListensToDefaultWithoutTopics() {
        try (SseClient both = SseClient.open(hub().stream(List.of("left", "right"), null));
                SseClient plain = SseClient.open(hub().stream(List.of(), null))) {
            hub().publishOk(PUBLISHER, "{\"topics\":[\"left\",\"right\"],\"data\":\"once\"}");
            hub().publishOk(PUBLISHER, "{\"data\":\"to default\"}");
            hub().publishOk(PUBLISHER, "{\"topic\":\"right\",\"data\":\"last\"}");

            assertThat(both.awaitEvents(2)).extracting(Event::data).containsExactly("once", "last");
            assertThat(plain.awaitEvents(1)).extracting(Event::data).containsExactly("to default");
        }
    }

    @Test
    void resumesAfterLastEventIdFromTheHeaderOrTheQueryTheHeaderWinning() {
        String first = hub().publishOk(PUBLISHER, jsonObject("resume", "1", null));
        String second = hub().publishOk(PUBLISHER, jsonObject("resume", "2", null));
        hub().publishOk(PUBLISHER, jsonObject("resume", "3", null));

        try (SseClient byHeader = SseClient.open(hub().stream(List.of("resume"), null), Map.of("Last-Event-ID", first));
                SseClient byQuery = SseClient.open(hub().stream(List.of("resume"), "lastEventId=" + second));
                SseClient both = SseClient.open(hub().stream(List.of("resume"), "lastEventId=" + first),
                        Map.of("Last-Event-ID", second))) {
            assertThat(byHeader.awaitEvents(2)).extracting(Event::data).containsExactly("2", "3");
            assertThat(byQuery.awaitEvents(1)).extracting(Event::data).containsExactly("3");
            assertThat(both.awaitEvents(1)).extracting(Event::data).containsExactly("3");
            hub().publishOk(PUBLISHER, jsonObject("resume", "4", null));
            assertThat(byHeader.awaitEvents(3)).extracting(Event::data).containsExactly("2", "3", "4");
        }
    }

    @Test
    void announcesAGapWithoutAnIdWhenTheLastIdIsUnknown() {
        String kept = hub().publishOk(PUBLISHER, jsonObject("gap-topic", "still here", null));

        try (SseClient client = SseClient.open(hub().stream(List.of("gap-topic"), null),
                Map.of("Last-Event-ID", "12345-6"))) {
            List<Event> events = client.awaitEvents(2);

            assertThat(events.get(0).type()).isEqualTo("gap");
            assertThat(events.get(0).lastEventId()).as("a gap carries no id").isEmpty();
            JsonObject gap = HubHttp.json(events.get(0).data()).asJsonObject();
            assertThat(gap.getString("lastEventId")).isEqualTo("12345-6");
            assertThat(gap.getString("oldestId")).matches("\\d+-\\d+");
            assertThat(events.get(1)).isEqualTo(new Event("message", "still here", kept));
        }
    }

    @Test
    void refusesBadTopicsAndIdsWithJsonAndKeepsServing() {
        List<String> badQueries = List.of("topic=a%20b", "topic=" + "t".repeat(201), "topic=",
                "topic=ok&lastEventId=" + "1".repeat(129), "topic=ok&lastEventId=caf%C3%A9",
                "topic=ok&lastEventId=a%0Ab", "topic=ok&lastEventId=1-1%092", "topic=ok&lastEventId=1-1%202",
                "topic=%C3%28", "topic=ok&unread=%FF", "topic=ok&lastEventId=%ED%A0%80", "topic=%E2%82");
        for (String query : badQueries) {
            try (SseClient client = SseClient.open(hub().uri("api/stream?" + query))) {
                assertThat(client.status()).as(query).isEqualTo(400);
                JsonObject error = HubHttp.json(client.errorBody()).asJsonObject();
                assertThat(error.getString("error")).isEqualTo("bad_request");
                assertThat(error.getString("message")).as(query).containsAnyOf("topic", "Last-Event-ID", "query string");
            }
        }
        try (SseClient client = SseClient.open(hub().stream(List.of("after-refusals"), null))) {
            hub().publishOk(PUBLISHER, jsonObject("after-refusals", "fine", null));
            assertThat(client.awaitEvents(1)).extracting(Event::data).containsExactly("fine");
        }
    }

    @Test
    void aClosedConnectionLeavesTheRegistry() {
        List<SseClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(SseClient.open(hub().stream(List.of("churn"), null)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers("churn") == 20);

        clients.forEach(SseClient::close);

        await().atMost(Duration.ofSeconds(15)).until(() -> subscribers("churn") == 0);
    }

    private int subscribers(String topic) {
        JsonObject topics = hub().stats().getJsonObject("topics");
        return topics.containsKey(topic) ? topics.getInt(topic) : 0;
    }

    static String jsonObject(String topic, String data, String event) {
        jakarta.json.JsonObjectBuilder object = jakarta.json.Json.createObjectBuilder().add("topic", topic).add("data", data);
        if (event != null) {
            object.add("event", event);
        }
        return object.build().toString();
    }

    private HubHttp hub() {
        return new HubHttp(base);
    }
}
