package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/events}, {@code /api/health} and {@code /api/stats} on a deployed WAR. */
@ExtendWith(ArquillianExtension.class)
class PublishIT {

    private static final String PUBLISHER = Deployments.PUBLISHER;
    private static final int MAX_BYTES = 4096;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = Deployments.baseSettings();
        settings.put("ssehub.publish.max-bytes", String.valueOf(MAX_BYTES));
        settings.put("ssehub.cors.origins", "https://app.example");
        return Deployments.hub("publish", settings);
    }

    @Test
    void acceptsOneEventAndAnswersWithItsIdTopicsAndRecipients() {
        try (SseClient subscriber = SseClient.open(hub().stream(List.of("one"), null))) {
            HttpResponse<String> response = hub().publishJson(PUBLISHER, "{\"topic\":\"one\",\"data\":\"x\"}");

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            JsonObject receipt = HubHttp.json(response.body()).asJsonObject();
            assertThat(receipt.getString("id")).matches("\\d+-\\d+");
            assertThat(receipt.getJsonArray("topics").getString(0)).isEqualTo("one");
            assertThat(receipt.getInt("recipients")).isEqualTo(1);
            assertThat(subscriber.awaitEvents(1).get(0).lastEventId()).isEqualTo(receipt.getString("id"));
        }
    }

    @Test
    void acceptsABatchInOrderAndAFormLikeCurlSends() {
        try (SseClient subscriber = SseClient.open(hub().stream(List.of("batch"), null))) {
            HttpResponse<String> batch = hub().publishJson(PUBLISHER,
                    "[{\"topic\":\"batch\",\"data\":\"1\"},{\"topic\":\"batch\",\"data\":{\"n\":2},\"event\":\"obj\"}]");
            HttpResponse<String> form = hub().post("api/events", PUBLISHER, "application/x-www-form-urlencoded",
                    "topic=batch&data=three+%E2%9C%93&event=form");

            assertThat(batch.statusCode()).isEqualTo(202);
            JsonArray receipts = HubHttp.json(batch.body()).asJsonArray();
            assertThat(receipts).hasSize(2);
            assertThat(form.statusCode()).isEqualTo(202);
            assertThat(subscriber.awaitEvents(3)).containsExactly(
                    new Event("message", "1", receipts.getJsonObject(0).getString("id")),
                    new Event("obj", "{\"n\":2}", receipts.getJsonObject(1).getString("id")),
                    new Event("form", "three ✓", HubHttp.json(form.body()).asJsonObject().getString("id")));
        }
    }

    @Test
    void refusesBadInputWithAJsonErrorAndPublishesNothing() {
        String noRight = Deployments.TOKENS.subject("limited").publish("other").sign();
        String expired = Deployments.TOKENS.subject("late").publish("*").expiresAt(Instant.now().minusSeconds(600)).sign();
        String forged = Deployments.TOKENS.subject("x").publish("*")
                .signWith("not-the-secret-not-the-secret-123456".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (SseClient subscriber = SseClient.open(hub().stream(List.of("guarded"), null))) {
            refused(hub().publishJson(PUBLISHER, "{\"topic\":\"guarded\",\"data\":"), 400, "malformed JSON");
            refused(hub().publishJson(PUBLISHER, "{\"topic\":\"guarded\",\"retry\":-5}"), 400, "retry");
            refused(hub().publishJson(PUBLISHER, "{\"topic\":\"guarded\",\"event\":\"open\"}"), 400, "event");
            refused(hub().publishJson(PUBLISHER, "{\"topic\":\"bad topic\"}"), 400, "topic");
            refused(hub().publishJson(PUBLISHER, "{\"topic\":\"guarded\",\"data\":" + "[".repeat(70) + "]".repeat(70) + "}"),
                    400, "64");
            refused(hub().publishJson(PUBLISHER, "[{\"topic\":\"guarded\",\"data\":\"ok\"},{\"topic\":\"guarded\",\"colour\":1}]"),
                    400, "batch item 1");
            refused(hub().publishJson(PUBLISHER, "[]"), 400, "empty");
            refused(hub().publishJson(PUBLISHER, "{\"topic\":\"guarded\",\"data\":{\"a\":1,\"a\":2}}"), 400, "duplicate");
            refused(hub().publishJson(PUBLISHER, "{\"topic\":\"guarded\",\"data\":1e99999999999}"), 400, "number");
            refused(hub().publishJson(PUBLISHER, "{\"topic\":\"guarded\",\"retry\":1e999999999}"), 400, "retry");
            refused(hub().publishJson(null, "{\"topic\":\"guarded\"}"), 401, "token");
            refused(hub().publishJson(expired, "{\"topic\":\"guarded\"}"), 401, "Expired");
            refused(hub().publishJson(forged, "{\"topic\":\"guarded\"}"), 401, "refused");
            refused(hub().publishJson(noRight, "{\"topic\":\"guarded\"}"), 403, "guarded");
            refused(hub().publishJson(noRight, "[{\"topic\":\"other\"},{\"topic\":\"guarded\"}]"), 403, "guarded");
            refused(hub().publishJson(PUBLISHER, "{\"topic\":\"guarded\",\"data\":\"" + "x".repeat(MAX_BYTES) + "\"}"),
                    413, "ssehub.publish.max-bytes");
            refused(hub().post("api/events", PUBLISHER, "text/plain", "hello"), 415, "text/plain");
            refused(hub().post("api/events", PUBLISHER, null, "hello"), 415, "Content-Type");
            refused(hub().post("api/events", PUBLISHER, "application/json; charset=latin1", "{}"), 415, "UTF-8");
            refused(hub().get("api/events", PUBLISHER), 405, "POST");
            refused(hub().get("api/nothing", PUBLISHER), 404, "nothing");

            String id = hub().publishOk(PUBLISHER, "{\"topic\":\"guarded\",\"data\":\"the only one\"}");

            assertThat(subscriber.awaitEvents(1)).containsExactly(new Event("message", "the only one", id));
            assertThat(hub().stats().getJsonNumber("published").longValue()).isPositive();
        }
    }

    @Test
    void reportsHealthToAnyoneAndStatsToAdminsOnly() {
        HttpResponse<String> health = hub().get("api/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(HubHttp.json(health.body()).asJsonObject().getString("status")).isEqualTo("UP");

        refused(hub().get("api/stats", null), 401, "admin");
        refused(hub().get("api/stats", PUBLISHER), 403, "admin");
        JsonObject stats = hub().stats();
        assertThat(stats.keySet()).contains("connections", "topics", "published", "delivered", "replayed", "dropped",
                "slowClientsClosed", "uptimeSeconds");
    }

    @Test
    void servesPrometheusMetricsToAdminsOnly() {
        try (SseClient subscriber = SseClient.open(hub().stream(List.of("metered"), null))) {
            hub().publishOk(PUBLISHER, "{\"topic\":\"metered\",\"data\":\"x\"}");
            subscriber.awaitEvents(1);

            refused(hub().get("metrics", null), 401, "admin");
            refused(hub().get("metrics", PUBLISHER), 403, "admin");
            HttpResponse<String> metrics = hub().get("metrics", Deployments.TOKENS.subject("ops").admin().sign());

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
            assertThat(metrics.body()).contains("ssehub_connections ", "ssehub_events_published_total ",
                    "ssehub_events_delivered_total ", "ssehub_events_replayed_total ", "ssehub_events_dropped_total ",
                    "ssehub_slow_clients_closed_total ", "ssehub_topic_subscribers{topic=\"metered\"} 1",
                    "ssehub_publish_to_write_seconds_bucket");
        }
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstPublishAndPublishesNothing() {
        try (SseClient subscriber = SseClient.open(hub().stream(List.of("keyed"), null))) {
            await().until(() -> !subscriber.comments().isEmpty());
            Map<String, String> keyed = Map.of("Idempotency-Key", "order-7", "Content-Type", "application/json");
            HttpResponse<String> first = hub().request("POST", "api/events", PUBLISHER, keyed,
                    "{\"topic\":\"keyed\",\"data\":\"once\"}");
            HttpResponse<String> retry = hub().request("POST", "api/events", PUBLISHER, keyed,
                    "{\"topic\":\"keyed\",\"data\":\"once\"}");
            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(retry.statusCode()).isEqualTo(202);
            assertThat(HubHttp.json(retry.body())).isEqualTo(HubHttp.json(first.body()));

            HttpResponse<String> badKey = hub().request("POST", "api/events", PUBLISHER,
                    Map.of("Idempotency-Key", "x".repeat(129), "Content-Type", "application/json"),
                    "{\"topic\":\"keyed\",\"data\":\"refused\"}");
            assertThat(badKey.statusCode()).isEqualTo(400);
            assertThat(badKey.body()).contains("Idempotency-Key");

            String next = hub().publishOk(PUBLISHER, "{\"topic\":\"keyed\",\"data\":\"next\"}");
            assertThat(subscriber.awaitEvents(2)).extracting(Event::data).containsExactly("once", "next");
            assertThat(subscriber.events().get(1).lastEventId()).isEqualTo(next);
        }
    }

    @Test
    void refusesAPublishFromAPageOfAnotherOriginAndVariesEveryAnswerByOrigin() {
        try (SseClient subscriber = SseClient.open(hub().stream(List.of("csrf"), null))) {
            await().until(() -> !subscriber.comments().isEmpty());
            Map<String, String> evil = Map.of("Origin", "https://evil.example", "Content-Type", "application/json");
            HttpResponse<String> forged = hub().request("POST", "api/events", PUBLISHER, evil,
                    "{\"topic\":\"csrf\",\"data\":\"forged\"}");
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).contains("cross_origin_refused");
            assertThat(forged.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

            HttpResponse<String> allowed = hub().request("POST", "api/events", PUBLISHER,
                    Map.of("Origin", "https://app.example", "Content-Type", "application/json"),
                    "{\"topic\":\"csrf\",\"data\":\"allowed\"}");
            assertThat(allowed.statusCode()).isEqualTo(202);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
            assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).get().asString()
                    .contains("Retry-After");
            String own = base.getProtocol() + "://" + HubHttp.loopback(base).getHost() + ":" + base.getPort();
            HttpResponse<String> sameOrigin = hub().request("POST", "api/events", PUBLISHER,
                    Map.of("Origin", own, "Content-Type", "application/json"), "{\"topic\":\"csrf\",\"data\":\"own\"}");
            assertThat(sameOrigin.statusCode()).isEqualTo(202);

            assertThat(subscriber.awaitEvents(2)).extracting(Event::data).containsExactly("allowed", "own");
        }
        for (String path : List.of("api/health", "api/nowhere", "api/stats")) {
            assertThat(String.join(",", hub().get(path, null).headers().allValues("Vary"))).as(path).contains("Origin");
        }
    }

    @Test
    void answersCorsPreflightsForConfiguredOriginsOnly() {
        Map<String, String> preflight = Map.of("Origin", "https://app.example", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization, content-type");
        HttpResponse<String> allowed = hub().request("OPTIONS", "api/events", null, preflight);
        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).get().asString()
                .contains("Authorization", "Content-Type", "Last-Event-ID", "Cache-Control", "Idempotency-Key");

        HttpResponse<String> other = hub().request("OPTIONS", "api/events", null,
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static void refused(HttpResponse<String> response, int status, String named) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonObject error = HubHttp.json(response.body()).asJsonObject();
        assertThat(error.getString("error")).isNotBlank();
        assertThat(error.getString("message")).containsIgnoringCase(named);
        if (status == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        }
    }

    private HubHttp hub() {
        return new HubHttp(base);
    }
}
